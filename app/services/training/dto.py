"""Plain values the training services return."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from app.domain.training.review import ReviewedQuestion


@dataclass(frozen=True)
class ChoiceView:
    id: int
    text: str


@dataclass(frozen=True)
class QuestionView:
    """A question as a learner sees it while answering: nothing reveals correctness."""

    id: int
    prompt: str
    kind: str
    points: int
    choices: list[ChoiceView]


@dataclass(frozen=True)
class AttemptResult:
    attempt_id: int
    score: float  # rounded down to one decimal, for display
    score_percent: float
    earned_points: int
    total_points: int
    passed: bool
    pass_threshold: float
    submitted_at: datetime
    review_policy: str
    review: list[ReviewedQuestion]
    track_completed: bool
    certificate_available: bool  # asking for a certificate now would issue one (an older completion, a renewal)
    certificate: CertificateView | None = None  # the track's current valid certificate, once completed
    certificate_earned: bool = False  # this attempt's pass issued it: the moment of success


@dataclass(frozen=True)
class AttemptView:
    attempt_id: int
    quiz_id: int
    attempt_number: int
    started_at: datetime
    deadline: datetime | None
    submitted_at: datetime | None
    questions: list[QuestionView]
    saved_answers: dict[int, list[int]]
    resumed: bool = False
    result: AttemptResult | None = None


@dataclass(frozen=True)
class SavedAnswers:
    attempt_id: int
    saved_answers: dict[int, list[int]]
    saved_at: datetime
    deadline: datetime | None


@dataclass(frozen=True)
class QuizStatusView:
    attempts_used: int
    attempts_left: int | None
    best_score: float | None
    passed: bool
    cooldown_until: datetime | None
    can_start: bool
    open_attempt_id: int | None


@dataclass(frozen=True)
class QuizSummary:
    id: int
    title: str
    pass_threshold: float
    time_limit_minutes: int | None
    max_attempts: int | None
    cooldown_minutes: int
    review_policy: str
    question_count: int
    total_points: int
    status: QuizStatusView


@dataclass(frozen=True)
class CourseView:
    id: int
    position: int
    title: str
    summary: str
    content_md: str
    quiz: QuizSummary | None


@dataclass(frozen=True)
class CertificateView:
    number: str
    track_id: int
    track_title: str
    holder_name: str
    issued_at: datetime
    expires_at: datetime
    status: str
    revoked_at: datetime | None
    revoke_reason: str | None
    superseded_by: str | None
    verification_code: str
    renewal_due: bool
    days_to_expiry: int

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class TrackDetail:
    id: int
    title: str
    description: str
    status: str
    courses_total: int
    courses_passed: int
    courses: list[CourseView] = field(default_factory=list)
    certificate: CertificateView | None = None


@dataclass(frozen=True)
class Verification:
    number: str
    status: str
    track_title: str
    issued_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    superseded_by: str | None
    holder: str
    holder_is_full_name: bool


@dataclass(frozen=True)
class TrackProgressDTO:
    id: int
    slug: str
    title: str
    description: str
    courses_total: int
    courses_passed: int
    status: str  # not_started | in_progress | completed | certified
    certificate_number: str | None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class QuizPlace:
    """Where a quiz sits in its track, with the viewer's status: the quiz and result pages' context."""

    track_id: int
    track_title: str
    track_status: str
    course_title: str
    course_position: int
    courses_total: int
    quiz: QuizSummary
    next_course_title: str | None  # the first later course whose quiz is not passed yet
    next_course_id: int | None = None
    course_id: int = 0
    # The course (or its track) was unpublished after the viewer started: their own attempts
    # still open and show their results, but no new attempt can start.
    withdrawn: bool = False


@dataclass(frozen=True)
class TrackRow:
    id: int
    slug: str
    title: str
    description: str
    is_published: bool
    course_count: int

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class CertificatePdf:
    filename: str
    content: bytes


@dataclass(frozen=True)
class SignedCredential:
    number: str
    jwt: str
    credential: dict


@dataclass(frozen=True)
class CredentialVerdict:
    signature: str  # valid | invalid
    status: str  # valid | expired | revoked | superseded | not_found
    credential: dict | None
    reason: str = ""


@dataclass(frozen=True)
class AchievementPage:
    slug: str
    name: str
    description: str
    criteria: str
    image_path: str  # paths on this portal: the page works whatever PUBLIC_BASE_URL says
    json_path: str
    issuer_name: str
    issuer_url: str
    issuer_image_path: str = ""


@dataclass(frozen=True)
class BakedBadge:
    filename: str
    svg: str


@dataclass(frozen=True)
class LearnerToContact:
    name: str
    track: str
    status: str  # expiring | expired
    expires_on: date


@dataclass(frozen=True)
class TrainingStatus:
    """Every active learner falls in exactly one of certified, expired, in_progress, not_started;
    expiring_soon counts the certified learners with a certificate to renew within 60 days."""

    learners: int
    certified: int
    expiring_soon: int
    expired: int
    in_progress: int
    not_started: int
    to_contact: list[LearnerToContact] = field(default_factory=list)  # soonest first, at most ATTENTION_LIMIT
    to_contact_total: int = 0
