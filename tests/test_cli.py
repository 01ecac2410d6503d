"""The command line, run in-process against the test database."""

import io

import pytest

from app import cli
from app.db import session_scope
from app.services.accounts import users as accounts
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


def test_run_nightly_reports_what_it_did_and_runs_a_scheduled_slot_once(db, capsys):
    assert cli.main(["run-nightly"]) == 0
    out = capsys.readouterr().out
    assert "Nightly job succeeded" in out and "0 overdue attempts finalized" in out
    assert cli.main(["run-nightly", "--scheduled", "--as-of", "2026-01-05"]) == 0
    assert cli.main(["run-nightly", "--scheduled", "--as-of", "2026-01-05"]) == 0
    assert "already ran" in capsys.readouterr().out


def test_import_metrics_reports_bad_lines_and_saves_nothing(vendor, tmp_path, capsys):
    from sqlmodel import func, select

    from app.models import MetricSnapshot

    csv_file = tmp_path / "metrics.csv"
    csv_file.write_text("organization_name,metric,as_of,value\n"
                        "Vendor,health_score,2026-05-01,71\n"
                        "Vendor,health_score,2026-05-02,171\n")
    assert cli.main(["import-metrics", str(csv_file)]) == 1
    assert "row 3: value 171 is out of bounds" in capsys.readouterr().err
    with session_scope() as s:
        assert s.exec(select(func.count(MetricSnapshot.id))).one() == 0
    csv_file.write_text("organization_name,metric,as_of,value\nVendor,health_score,2026-05-01,71\n")
    assert cli.main(["import-metrics", str(csv_file)]) == 0
    assert "Imported 1 values for 1 organizations" in capsys.readouterr().out


def test_import_metrics_explains_missing_columns(vendor, tmp_path, capsys):
    csv_file = tmp_path / "metrics.csv"
    csv_file.write_text("org,metric,value\nVendor,health_score,1\n")
    assert cli.main(["import-metrics", str(csv_file)]) == 2
    assert "needs the columns" in capsys.readouterr().err


def test_recompute_benchmarks_refuses_a_future_date(db, capsys):
    with pytest.raises(SystemExit, match="in the future"):
        cli.main(["recompute-benchmarks", "--as-of", "2999-01-01"])
    assert cli.main(["recompute-benchmarks", "--as-of", "2026-01-05"]) == 0
    assert "Benchmarks as of 2026-01-05" in capsys.readouterr().out
