"""The plain value every service takes: who is acting (each package keeps its own DTOs in its dto.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass


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

