"""All tables. Importing this package registers them on ``SQLModel.metadata``."""

from app.models.accounts import AuthSession, User
from app.models.benchmarks import (
    BenchmarkRelease,
    CustomerRank,
    LatestMetricValues,
    MetricSnapshot,
    PeerBenchmark,
    TrainingHealthBand,
)
from app.models.common import AuditEvent, JobRun, Organization
from app.models.reminders import RenewalReminder
from app.models.credentials import CertificateCredential, CredentialStatusList, SigningKey
from app.models.training import (
    AttemptAnswer,
    Certificate,
    CertificateCounter,
    Choice,
    Course,
    Question,
    Quiz,
    QuizAttempt,
    Track,
    TrackCompletion,
)

__all__ = [
    "AttemptAnswer",
    "AuditEvent",
    "BenchmarkRelease",
    "AuthSession",
    "Certificate",
    "CertificateCounter",
    "CertificateCredential",
    "CredentialStatusList",
    "Choice",
    "Course",
    "CustomerRank",
    "JobRun",
    "LatestMetricValues",
    "MetricSnapshot",
    "Organization",
    "PeerBenchmark",
    "Question",
    "Quiz",
    "SigningKey",
    "QuizAttempt",
    "RenewalReminder",
    "Track",
    "TrackCompletion",
    "TrainingHealthBand",
    "User",
]
