"""Admins import users by uploading one CSV file: the file is checked at the boundary, then imported whole."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from sqlmodel import func, select

from app.db import session_scope
from app.domain.errors import InvalidInput
from app.models import User
from app.services.accounts import users as accounts
from app.services.accounts.imports import (
    ImportRejected,
    MAX_CSV_BYTES,
    MAX_IMPORT_ROWS,
    import_users_csv,
    read_csv_upload,
)
from app.ui import routes
from app.ui.pages.admin.users_forms import AdminUserFormsState
from app.ui.pages.admin.users_list import AdminUsersState
from tests.conftest import NOW
from tests.ui.test_handler_guards import _is_redirect_to, _state, _token, people  # noqa: F401

HEADER = "email,first_name,last_name,role,organization\n"
GOOD = HEADER + "nia@acme.test,Nia,Ng,learner,Acme Health\nomar@vendor.test,Omar,Obi,csm,Vendor\n"
BAD = (HEADER + "nia@acme.test,Nia,Ng,learner,Acme Health\n"
       "not-an-email,Omar,Obi,csm,Vendor\n"
       "pia@acme.test,Pia,Poe,learner,Nowhere Inc\n")


def _read(name: str, data: bytes) -> str:
    return read_csv_upload([(name, io.BytesIO(data))])


def _rejected(name: str, data: bytes) -> str:
    with pytest.raises(InvalidInput) as err:
        _read(name, data)
    return str(err.value)


def _upload(name: str, data: bytes) -> SimpleNamespace:
    """Shaped like rx.UploadFile as far as the handler looks: a name and a binary stream."""
    return SimpleNamespace(name=name, file=io.BytesIO(data))


def _user_count() -> int:
    with session_scope() as s:
        return s.exec(select(func.count(User.id))).one()


# The file checks, without a database.

def test_a_utf8_csv_file_is_read_as_text():
    assert _read("users.csv", GOOD.encode()) == GOOD


def test_the_byte_order_mark_excel_writes_is_dropped():
    assert _read("users.csv", b"\xef\xbb\xbf" + GOOD.encode()) == GOOD


def test_the_extension_is_checked_without_regard_to_case():
    assert _read("USERS.CSV", GOOD.encode()) == GOOD


def test_a_file_that_is_not_a_csv_is_refused_with_what_to_do():
    message = _rejected("users.xlsx", b"PK\x03\x04")
    assert "'users.xlsx' is not a .csv file" in message and "CSV UTF-8" in message


def test_a_file_over_one_megabyte_is_refused_naming_the_limit():
    message = _rejected("big.csv", b"a" * (MAX_CSV_BYTES + 1))
    assert "larger than 1 MB (1,000,000 bytes)" in message and "split it" in message


def test_a_file_of_exactly_one_megabyte_is_accepted():
    assert len(_read("full.csv", b"a" * MAX_CSV_BYTES)) == MAX_CSV_BYTES


def test_a_big_file_is_not_read_beyond_the_limit():
    stream = io.BytesIO(b"a" * (3 * MAX_CSV_BYTES))
    with pytest.raises(InvalidInput):
        read_csv_upload([("big.csv", stream)])
    assert stream.tell() == MAX_CSV_BYTES + 1


def test_a_file_that_is_not_utf8_is_refused_naming_the_line():
    latin1 = (HEADER + "zoe@acme.test,Zoë,Ng,learner,Acme Health\n").encode("latin-1")
    message = _rejected("users.csv", latin1)
    assert "not UTF-8 text" in message and "line 2" in message and "CSV UTF-8" in message


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b" \r\n\n"], ids=["nothing", "only-bom", "blank-lines"])
def test_an_empty_file_is_refused_with_the_expected_header(data):
    message = _rejected("users.csv", data)
    assert "'users.csv' is empty" in message and "email,first_name,last_name,role,organization" in message


def test_exactly_one_file_is_expected():
    assert "choose a .csv file" in str(pytest.raises(InvalidInput, read_csv_upload, []).value)
    two = [("a.csv", io.BytesIO(GOOD.encode())), ("b.csv", io.BytesIO(GOOD.encode()))]
    assert "one .csv file at a time" in str(pytest.raises(InvalidInput, read_csv_upload, two).value)


# The upload handler, with a database.

class _Proxy:
    """What Reflex hands a background task: the state, changed only inside ``async with``."""

    def __init__(self, state):
        object.__setattr__(self, "_state", state)

    async def __aenter__(self):
        return self

    async def __aexit__(self, *_exc):
        return False

    def __getattr__(self, name):
        return getattr(self._state, name)

    def __setattr__(self, name, value):
        setattr(self._state, name, value)


async def _run(state, result):
    """Drive what a handler returned the way Reflex does: the chained background import runs to its end."""
    events = result if isinstance(result, list) else [result]
    assert AdminUserFormsState.run_import in events, result
    assert state.importing  # the progress shows at once
    return await AdminUserFormsState.run_import.fn(_Proxy(state))


async def test_an_admin_uploads_a_file_and_sees_the_initial_passwords(people):  # noqa: F811
    state = await _state(AdminUserFormsState, _token("ada@vendor.test"))
    returned = await _run(state, state.import_csv_file([_upload("team.csv", b"\xef\xbb\xbf" + GOOD.encode())]))
    assert not state.importing and state.import_error == "" and state.problems == []
    assert (state.import_done, state.import_total) == (2, 2)
    assert state.import_notice == "2 user(s) imported from team.csv."
    assert [u["email"] for u in state.imported] == ["nia@acme.test", "omar@vendor.test"]
    with session_scope() as s:
        password = state.imported[0]["initial_password"]
        assert accounts.login(session=s, email="nia@acme.test", password=password, now=NOW)
    assert returned is AdminUsersState.refresh  # the user list is read again, with its filters


async def test_one_bad_row_lists_every_problem_and_imports_nobody(people):  # noqa: F811
    state = await _state(AdminUserFormsState, _token("ada@vendor.test"))
    before = _user_count()
    await _run(state, state.import_csv_file([_upload("team.csv", BAD.encode())]))
    assert [p.split(",")[0] for p in state.problems] == ["line 3", "line 4"]
    assert "no organization is named 'Nowhere Inc'" in state.problems[1]
    assert state.imported == [] and state.import_notice == "" and not state.importing
    assert _user_count() == before


async def test_a_refused_file_says_why_and_imports_nothing(people):  # noqa: F811
    state = await _state(AdminUserFormsState, _token("ada@vendor.test"))
    before = _user_count()
    assert state.import_csv_file([_upload("team.xlsx", GOOD.encode())]) is None
    assert "'team.xlsx' is not a .csv file" in state.import_error and not state.importing
    assert state.import_csv_file([]) is None and "choose a .csv file" in state.import_error
    assert _user_count() == before


async def test_a_new_upload_clears_the_previous_result(people):  # noqa: F811
    state = await _state(AdminUserFormsState, _token("ada@vendor.test"))
    await _run(state, state.import_csv_file([_upload("team.csv", BAD.encode())]))
    assert state.problems
    state.import_csv_file([_upload("team.txt", GOOD.encode())])
    assert state.problems == [] and state.import_error


async def test_pasted_rows_still_import_and_stay_in_the_box_when_refused(people):  # noqa: F811
    state = await _state(AdminUserFormsState, _token("ada@vendor.test"))
    state.set_csv_text(BAD)
    await _run(state, state.import_csv())
    assert len(state.problems) == 2 and state.csv_text == BAD  # nothing to type again
    state.set_csv_text(GOOD)
    await _run(state, state.import_csv())
    assert len(state.imported) == 2 and state.csv_text == ""
    assert state.import_notice == "2 user(s) imported from the pasted rows."


@pytest.mark.parametrize("email", ["lena@acme.test", "cara@vendor.test"])
async def test_the_background_import_refuses_csms_and_learners_even_with_a_pending_file(people, email):  # noqa: F811
    state = await _state(AdminUserFormsState, _token(email))
    state._pending = {"text": GOOD, "source": "team.csv", "pasted": False}
    before = _user_count()
    returned = await AdminUserFormsState.run_import.fn(_Proxy(state))
    assert _is_redirect_to(returned, routes.FORBIDDEN) and _user_count() == before


def test_a_file_over_the_row_limit_is_refused_before_any_password_is_hashed(people):  # noqa: F811
    rows = "".join(f"u{i}@acme.test,U,Ser,learner,Acme Health\n" for i in range(MAX_IMPORT_ROWS + 1))
    with session_scope() as s, pytest.raises(ImportRejected) as err:
        import_users_csv(session=s, actor=people["admin"], text=HEADER + rows, now=NOW)
    assert err.value.problems == [f"the file has {MAX_IMPORT_ROWS + 1:,} rows; import at most {MAX_IMPORT_ROWS:,} at a "
                                  "time (split the file and import the parts one after the other)"]


async def test_a_second_import_while_one_runs_is_refused_and_the_first_keeps_its_file(people):  # noqa: F811
    state = await _state(AdminUserFormsState, _token("ada@vendor.test"))
    state.import_csv_file([_upload("team.csv", GOOD.encode())])
    assert state.importing
    assert state.import_csv_file([_upload("other.csv", BAD.encode())]) is None
    assert "already running" in state.import_error and state._pending["source"] == "team.csv"
