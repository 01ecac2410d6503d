"""Domain errors, named in business words. Entry points map them to responses."""

from app.domain.dates import moment


class DomainError(Exception):
    """Base for every rule violation; ``str(err)`` is a message fit for a user."""


class InvalidInput(DomainError):
    """Input that breaks a rule; ``field`` names what to fix."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class InvalidCredentials(DomainError):
    """Wrong password, unknown email or disabled user: one message for all three."""

    def __init__(self) -> None:
        super().__init__("Email or password is incorrect.")


class TooManyAttempts(DomainError):
    def __init__(self, retry_after_seconds: int):
        minutes = max(1, (retry_after_seconds + 59) // 60)
        super().__init__(
            f"Too many failed sign-ins for this email. Try again in {minutes} minute(s)."
        )
        self.retry_after_seconds = retry_after_seconds


class NotAuthenticated(DomainError):
    def __init__(self, message: str = "Your session has ended. Please sign in again."):
        super().__init__(message)


class PermissionDenied(DomainError):
    def __init__(self, message: str = "You do not have access to this."):
        super().__init__(message)


class NotFound(DomainError):
    pass


class ProblemsFound(DomainError):
    """Refused as a whole; ``problems`` lists every reason, each naming where it is.

    The message's first line sums up; the rest are the problems, one per line.
    """

    def __init__(self, summary: str, problems: list[str]):
        super().__init__(summary + "\n" + "\n".join(problems))
        self.problems = problems


class Conflict(DomainError):
    pass


class AttemptLimitReached(Conflict):
    def __init__(self, max_attempts: int):
        super().__init__(
            f"You have used all {max_attempts} attempts for this quiz. Ask your administrator if you need another."
        )


class CooldownActive(Conflict):
    def __init__(self, until):
        super().__init__(
            f"You can retake this quiz from {moment(until)}. Review the course material in the meantime."
        )
        self.until = until


class DeadlinePassed(Conflict):
    def __init__(self, deadline):
        super().__init__(
            f"The time limit ended at {deadline:%H:%M:%S} UTC; answers saved before then were submitted."
        )
        self.deadline = deadline


class AttemptFinished(Conflict):
    def __init__(self) -> None:
        super().__init__("This attempt is already submitted; start a new attempt to answer again.")


class InvalidAnswers(InvalidInput):
    def __init__(self, problems: list[str]):
        super().__init__("answers", "The answers cannot be saved: " + "; ".join(problems) + ".")
        self.problems = problems


class TrackNotCompleted(Conflict):
    def __init__(self, remaining: int):
        super().__init__(
            f"This track is not completed yet: pass the remaining {remaining} course quiz(zes) to get the certificate."
        )
