"""Admins import people from a CSV file: every row checked first, then all rows or none."""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath
from typing import BinaryIO

from sqlmodel import Session, select

from app.db import session_scope
from app.domain import accounts as rules
from app.domain.errors import DomainError, InvalidInput, ProblemsFound
from app.domain.text import text_problem
from app.models import Organization, User
from app.services import audit
from app.services.accounts import users as accounts
from app.services.accounts.dto import ImportedUser
from app.services.accounts.passwords import hash_password
from app.services.accounts.users import require_role
from app.services.dto import UserDTO

CSV_COLUMNS = ("email", "first_name", "last_name", "role", "organization")
MAX_CSV_BYTES = 1_000_000  # the same limit as POST /api/admin/users/import
# Each new user's password is hashed with argon2 (tens of milliseconds by design), so one
# import is capped to keep it around a minute; larger lists are split into several files.
MAX_IMPORT_ROWS = 1000


class ImportRejected(ProblemsFound):
    def __init__(self, problems: list[str]):
        super().__init__(f"Nothing was imported; {len(problems)} problem(s):", problems)


def _check_row(line: int, row: dict, organizations: set[str], seen: set[str], taken: set[str]) -> list[str]:
    problems = []
    for column, check in (("email", rules.validate_email), ("role", rules.validate_role),
                          ("first_name", lambda v: rules.validate_name("first_name", v)),
                          ("last_name", lambda v: rules.validate_name("last_name", v))):
        try:
            check((row.get(column) or "").strip())
        except DomainError as err:
            problems.append(f"line {line}, {column}: {err}")
    email = rules.normalize_email(row.get("email") or "")
    if email and (email in seen or email in taken):
        problems.append(f"line {line}, email: {email} {'appears twice in the file' if email in seen else 'already has an account'}")
    seen.add(email)
    organization = (row.get("organization") or "").strip()
    if organization not in organizations:
        problems.append(f"line {line}, organization: no organization is named {organization!r}")
    password = (row.get("password") or "").strip()
    if password:
        try:
            rules.validate_password(password)
        except DomainError as err:
            problems.append(f"line {line}, password: {err}")
    return problems


def check_import(*, session: Session, actor: UserDTO, text: str) -> list[dict[str, str]]:
    """The rows of a CSV (columns email, first_name, last_name, role, organization and optionally
    password), each checked; one bad row rejects the file, listing every bad row by line."""
    require_role(actor, "admin")
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ImportRejected([f"line 1: missing column(s) {', '.join(missing)}; expected {', '.join(CSV_COLUMNS)}"])
        rows = list(reader)
    except csv.Error as err:  # e.g. a field longer than the csv module's 128 KB limit
        raise ImportRejected([f"line {reader.line_num + 1}: the row cannot be read as CSV ({err}); "
                              "no column of a user needs that much: check the quoting of that line"]) from None
    if not rows:
        raise ImportRejected(["the file has no rows after the header"])
    if len(rows) > MAX_IMPORT_ROWS:
        raise ImportRejected([f"the file has {len(rows):,} rows; import at most {MAX_IMPORT_ROWS:,} at a time "
                              "(split the file and import the parts one after the other)"])
    organizations = set(session.exec(select(Organization.name)).all())
    # Only emails that could be stored are looked up (PostgreSQL refuses NUL even in a query);
    # the row checks below report the others.
    emails = [e for e in (rules.normalize_email(r.get("email") or "") for r in rows) if not text_problem(e)]
    taken = set(session.exec(select(User.email).where(User.email.in_(emails))).all())
    problems: list[str] = []
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        problems += _check_row(line, row, organizations, seen, taken)
    if problems:
        raise ImportRejected(problems)
    return [{column: (row.get(column) or "").strip() for column in (*CSV_COLUMNS, "password")} for row in rows]


@dataclass(frozen=True)
class _PreparedUser:
    row: dict[str, str]
    password: str
    password_hash: str


def _prepare(rows: list[dict[str, str]], on_progress: Callable[[int, int], None] | None) -> list[_PreparedUser]:
    """Initial passwords and their hashes: the slow part (argon2 on purpose), done outside any transaction."""
    prepared = []
    for done, row in enumerate(rows, start=1):
        password = row["password"] or secrets.token_urlsafe(12)
        prepared.append(_PreparedUser(row, password, hash_password(password)))
        if on_progress is not None:
            on_progress(done, len(rows))
    return prepared


def _write(session: Session, actor: UserDTO, prepared: list[_PreparedUser], now: datetime) -> list[ImportedUser]:
    """Create every user in one transaction, checking again what may have changed since the check."""
    require_role(actor, "admin")
    organizations = set(session.exec(select(Organization.name)).all())
    taken = set(session.exec(select(User.email).where(
        User.email.in_([rules.normalize_email(p.row["email"]) for p in prepared]))).all())
    problems: list[str] = []
    seen: set[str] = set()
    for line, p in enumerate(prepared, start=2):
        problems += _check_row(line, p.row, organizations, seen, taken)
    if problems:
        raise ImportRejected(problems)
    imported = []
    for p in prepared:
        user = accounts.create_user(session=session, email=p.row["email"], password=p.password, role=p.row["role"],
                                    organization_name=p.row["organization"], first_name=p.row["first_name"],
                                    last_name=p.row["last_name"], now=now, actor_id=actor.id,
                                    password_hash=p.password_hash)
        imported.append(ImportedUser(user.email, user.role, user.organization_name,
                                     "" if p.row["password"] else p.password))
    audit.record(session, action="user.import", subject=f"{len(imported)} users", at=now, actor_id=actor.id)
    return imported


def import_users_csv(*, session: Session, actor: UserDTO, text: str, now: datetime,
                     on_progress: Callable[[int, int], None] | None = None) -> list[ImportedUser]:
    """Check, hash and create in the one transaction of ``session``: for small imports and tests.

    Rows without a password get a random initial one, returned once to the importing admin.
    """
    rows = check_import(session=session, actor=actor, text=text)
    return _write(session, actor, _prepare(rows, on_progress), now)


def import_users_in_steps(*, actor: UserDTO, text: str, now: datetime,
                          on_progress: Callable[[int, int], None] | None = None) -> list[ImportedUser]:
    """The same import in three steps with short transactions of its own: check, hash, create.

    Hashing a thousand passwords takes about a minute; inside one transaction that would
    hold SQLite's write lock (every transaction takes it) and stall the whole portal.
    """
    with session_scope() as session:
        rows = check_import(session=session, actor=actor, text=text)
    prepared = _prepare(rows, on_progress)
    with session_scope() as session:
        return _write(session, actor, prepared, now)


def read_csv_upload(files: Sequence[tuple[str, BinaryIO]]) -> str:
    """The text of one uploaded CSV file, given as (file name, binary stream) pairs.

    Reads at most MAX_CSV_BYTES + 1 bytes, enough to tell a file is too big without
    holding all of it. A UTF-8 byte order mark, as Excel writes one, is dropped.
    Raises InvalidInput with what to do next when the upload is not one usable file.
    """
    if not files:
        raise InvalidInput("file", "No file was received: choose a .csv file, then import it.")
    if len(files) > 1:
        raise InvalidInput("file", f"{len(files)} files were received: import one .csv file at a time.")
    name, stream = files[0]
    name = PurePath(name or "").name
    if not name.lower().endswith(".csv"):
        raise InvalidInput("file", f"{repr(name) if name else 'The file'} is not a .csv file: in your spreadsheet, "
                                   "save it as \"CSV UTF-8 (comma delimited)\" and choose that file.")
    return decode_csv(stream.read(MAX_CSV_BYTES + 1), repr(name))


def decode_csv(data: bytes, name: str = "The file") -> str:
    """The text of a CSV file's bytes: at most MAX_CSV_BYTES of UTF-8 (a byte order mark is dropped).
    ``name`` says which file in the messages."""
    if len(data) > MAX_CSV_BYTES:
        raise InvalidInput("file", f"{name} is larger than 1 MB (1,000,000 bytes): "
                                   "split it into smaller files and import them one by one.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise InvalidInput("file", f"{name} is not UTF-8 text (the first bad character is on line {line}): "
                                   "save it as \"CSV UTF-8 (comma delimited)\" and choose it again.") from None
    if not text.strip():
        raise InvalidInput("file", f"{name} is empty: add the header row "
                                   f"({','.join(CSV_COLUMNS)}) and one row per user.")
    return text
