"""The command line, run in-process against the test database."""

import io

import pytest

from app import cli
from app.db import session_scope
from app.services import accounts
from tests.conftest import NOW
from tests.factories import make_org


@pytest.fixture
def vendor(db):
    make_org("Vendor", "Software", 300)


def test_create_user_reads_the_password_from_stdin(vendor, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("a-strong-password\n"))
    code = cli.main(["create-user", "--email", "Jo@Example.com", "--role", "csm", "--org", "Vendor"])
    assert code == 0 and "Created csm jo@example.com" in capsys.readouterr().out
    with session_scope() as s:
        assert accounts.login(session=s, email="jo@example.com", password="a-strong-password", now=NOW).user.role == "csm"


def test_create_user_errors_say_what_to_fix_and_exit_non_zero(vendor, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert cli.main(["create-user", "--email", "jo@example.com", "--role", "csm", "--org", "Vendor"]) == 1
    assert "at least 10 characters" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("a-strong-password\n"))
    assert cli.main(["create-user", "--email", "jo@example.com", "--role", "csm", "--org", "Nope"]) == 1
    assert "No organization is named 'Nope'" in capsys.readouterr().err


def test_seed_demo_if_empty_skips_a_database_with_data(vendor, capsys):
    assert cli.main(["seed-demo", "--if-empty"]) == 0
    assert "already has data" in capsys.readouterr().out


def test_verify_certificate_reports_a_malformed_number(db, capsys):
    assert cli.main(["verify-certificate", "CERT-26-1"]) == 1
    assert "not a certificate number" in capsys.readouterr().err


def test_run_nightly_reports_what_it_did(db, capsys):
    assert cli.main(["run-nightly"]) == 0
    assert "0 overdue quiz attempt(s) finalized" in capsys.readouterr().out
