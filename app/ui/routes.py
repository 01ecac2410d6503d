"""Paths of the pages, and where each role starts."""

LOGIN = "/login"
HOME = "/"
TRACKS = "/tracks"
ORGANIZATIONS = "/organizations"
ADMIN_USERS = "/admin/users"
FORBIDDEN = "/forbidden"

HOME_BY_ROLE = {"learner": TRACKS, "csm": ORGANIZATIONS, "admin": ADMIN_USERS}


def home_for_role(role: str) -> str:
    return HOME_BY_ROLE.get(role, LOGIN)
