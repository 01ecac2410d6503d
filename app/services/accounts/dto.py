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
