"""Request and response bodies of the REST API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from app.services.dto import UserDTO


class ErrorOut(BaseModel):
    detail: str


class LoginIn(BaseModel):
    email: str = Field(min_length=1, max_length=254)
    password: str = Field(min_length=1, max_length=1024)


class UserOut(BaseModel):
    id: int
    email: str
    first_name: str
    last_name: str
    full_name: str
    role: str
    organization_id: int
    organization_name: str
    is_active: bool

    @classmethod
    def of(cls, user: UserDTO) -> "UserOut":
        return cls(**user.as_dict())


class LoginOut(BaseModel):
    token: str
    expires_at: datetime
    user: UserOut


class HealthOut(BaseModel):
    status: str
    database: str
    version: str
