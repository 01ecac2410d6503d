"""Plain values the accounts services return (UserDTO, which every service takes, is app/services/dto.py's)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from app.services.dto import UserDTO


@dataclass(frozen=True)
class LoginResult:
    token: str
    expires_at: datetime
    user: UserDTO


@dataclass(frozen=True)
class OrganizationDTO:
    id: int
    name: str
    industry: str
    employee_count: int
    size_range: str
    is_active: bool
    user_count: int

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ImportedUser:
    email: str
    role: str
    organization_name: str
    initial_password: str  # shown once to the importing admin, never stored in clear

    def as_dict(self) -> dict:
        return {"email": self.email, "role": self.role, "organization_name": self.organization_name,
                "initial_password": self.initial_password}


@dataclass(frozen=True)
class UserRow:
    """A line of the admins' user list."""

    id: int
    email: str
    first_name: str
    last_name: str
    role: str
    organization_id: int
    organization_name: str
    is_active: bool
    last_sign_in_at: datetime | None  # None: never signed in

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def as_dict(self) -> dict:
        return asdict(self) | {"full_name": self.full_name}


@dataclass(frozen=True)
class UserPage:
    rows: list[UserRow]
    total: int  # every user matching the filters, on all pages
    page: int  # 1-based
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass(frozen=True)
class OrganizationChoice:
    """An organization as a picker offers it."""

    id: int
    name: str


@dataclass(frozen=True)
class OrganizationPage:
    rows: list[OrganizationDTO]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))
