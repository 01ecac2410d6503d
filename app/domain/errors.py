"""Domain errors, named in business words. Entry points map them to responses."""


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


class Conflict(DomainError):
    pass
