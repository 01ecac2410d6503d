"""Plain values handed from services to the UI, API, CLI and jobs."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime


@dataclass(frozen=True)
class UserDTO:
    id: int
    email: str
    first_name: str
    last_name: str
    role: str
    organization_id: int
    organization_name: str
    is_active: bool

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def as_dict(self) -> dict:
        return asdict(self) | {"full_name": self.full_name}


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
