"""Paths of the pages, and where each role starts."""

from urllib.parse import quote, unquote, urlsplit

LOGIN = "/login"
HOME = "/"
TRACKS = "/tracks"
TRACK = "/tracks/[track_id]"
ATTEMPT = "/attempts/[attempt_id]"
RESULT = "/attempts/[attempt_id]/result"
CERTIFICATES = "/certificates"
CERTIFICATE = "/certificates/[number]"
VERIFY = "/verify"
VERIFY_NUMBER = "/verify/[number]"
ACHIEVEMENT = "/achievements/[slug]"
CUSTOMERS = "/customers"  # the CSM's home: every customer, each row opens its page
BENCHMARK = "/customers/[org_id]"  # one customer's benchmarks
BENCHMARK_PRINT = "/customers/[org_id]/review"  # its one-page business review
ADMIN_USERS = "/admin/users"
ADMIN_CONTENT = "/admin/content"
ADMIN_TRACK = "/admin/content/[track_id]"
ADMIN_COURSE = "/admin/courses/[course_id]"
ADMIN_ORGANIZATIONS = "/admin/organizations"
ADMIN_CERTIFICATES = "/admin/certificates"
ADMIN_JOBS = "/admin/jobs"
ADMIN_AUDIT = "/admin/audit"
FORBIDDEN = "/forbidden"

HOME_BY_ROLE = {"learner": TRACKS, "csm": CUSTOMERS, "admin": ADMIN_USERS}


def home_for_role(role: str) -> str:
    return HOME_BY_ROLE.get(role, LOGIN)


def track(track_id: int) -> str:
    return f"{TRACKS}/{track_id}"


def attempt(attempt_id: int) -> str:
    return f"/attempts/{attempt_id}"


def result(attempt_id: int) -> str:
    return f"/attempts/{attempt_id}/result"


def certificate(number: str) -> str:
    return f"{CERTIFICATES}/{quote(number)}"


def admin_track(track_id: int) -> str:
    return f"{ADMIN_CONTENT}/{track_id}"


def admin_course(course_id: int) -> str:
    return f"/admin/courses/{course_id}"


def benchmark(org_id: int) -> str:
    """A customer's page; in a component, build it from a state var with customer_paths.org_path."""
    return BENCHMARK.replace("[org_id]", str(int(org_id)))


def benchmark_print(org_id: int) -> str:
    return BENCHMARK_PRINT.replace("[org_id]", str(int(org_id)))


def verify(number: str) -> str:
    return f"{VERIFY}/{quote(number.strip(), safe='')}"


def path_segment(url: str, index: int) -> str:
    """The index-th segment of a page URL's path, decoded: path_segment('/tracks/5', 1) == '5'."""
    parts = [unquote(part) for part in urlsplit(url).path.split("/") if part]
    return parts[index] if len(parts) > index else ""


def path_id(url: str, index: int = 1) -> int:
    raw = path_segment(url, index)
    return int(raw) if raw.isdigit() and len(raw) < 12 else 0
