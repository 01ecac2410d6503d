"""Command line: python -m app.cli <command>. Thin: parse, call a service, report."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime, timezone
from typing import Callable

from tqdm import tqdm

from app.db import session_scope
from app.domain.errors import DomainError
from app.settings import SettingsError, get_settings


def _now() -> datetime:
    return datetime.now(timezone.utc)


def cmd_migrate(_args: argparse.Namespace) -> int:
    from app.migrations import upgrade_head

    from app.services.training.signing import ensure_signing_key

    upgrade_head()
    with session_scope() as session:
        # Credentials need a signing key; make it now rather than on the first certificate.
        ensure_signing_key(session=session, now=_now())
    print("Database schema is up to date.")
    return 0


def cmd_rotate_signing_key(_args: argparse.Namespace) -> int:
    from app.services.training.signing import rotate_signing_key

    with session_scope() as session:
        kid = rotate_signing_key(session=session, now=_now())
    print(f"New signing key {kid} is current; earlier keys stay published (/.well-known/jwks.json and "
          "/api/credentials/keys/<id>).")
    return 0


def _tqdm_progress(label: str, total: int, unit: str) -> Callable[[int], None]:
    bar = tqdm(total=total, desc=f"Seeding {label}", unit=f" {unit}", leave=True)

    def step(size: int) -> None:
        bar.update(size)
        if bar.n >= total:
            bar.close()

    return step


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from app import demo

    with session_scope() as session:
        if args.if_empty and not demo.database_is_empty(session):
            print("Demo data: the database already has data, nothing loaded.")
            return 0
        summary = demo.seed_demo(
            session=session, organizations=args.orgs, seed=args.seed, now=_now(), progress=_tqdm_progress
        )
    print(
        f"Loaded {summary.organizations} organizations, {summary.snapshots:,} metric snapshots, "
        f"{summary.tracks} tracks, {summary.users} users and {summary.certificates} certificates."
    )
    print_sign_ins()
    return 0


def print_sign_ins() -> None:
    from app.demo import DEMO_PASSWORD, DEMO_SIGN_INS

    print("Demo sign-ins (password for all: %s):" % DEMO_PASSWORD)
    for email, role, *_ in DEMO_SIGN_INS:
        print(f"  {role:<8} {email}")


def cmd_demo_sign_ins(_args: argparse.Namespace) -> int:
    print_sign_ins()
    return 0


def cmd_create_user(args: argparse.Namespace) -> int:
    from app.services.accounts import users as accounts

    if sys.stdin.isatty():
        password = getpass.getpass("Password: ")
        if getpass.getpass("Repeat password: ") != password:
            print("error: the passwords do not match; nothing was created.", file=sys.stderr)
            return 2
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    with session_scope() as session:
        user = accounts.create_user(
            session=session,
            email=args.email,
            password=password,
            role=args.role,
            organization_name=args.org,
            first_name=args.first_name,
            last_name=args.last_name,
            now=_now(),
        )
    print(f"Created {user.role} {user.email} (id {user.id}) in {user.organization_name}.")
    return 0


def cmd_run_nightly(args: argparse.Namespace) -> int:
    from app.services.operations import nightly

    now = _now()
    as_of = _as_of(args.as_of, now)
    run = nightly.run_nightly(now=now, as_of=as_of, slot=None if args.scheduled else nightly.manual_slot(now))
    if run is None:
        print(f"The nightly run for {as_of} already ran or is running elsewhere; nothing to do.")
        return 0
    print(f"Nightly job {run.status} in {run.duration_seconds:.1f} s: {run.detail}")
    return 0 if run.status == "succeeded" else 1


def _as_of(raw: str | None, now: datetime):
    from datetime import date

    if raw is None:
        return now.date()
    try:
        as_of = date.fromisoformat(raw)
    except ValueError:
        raise SystemExit(f"error: --as-of {raw!r} is not a date like 2026-11-28") from None
    if as_of > now.date():
        raise SystemExit(f"error: --as-of {as_of} is in the future")
    return as_of


def cmd_recompute_benchmarks(args: argparse.Namespace) -> int:
    from app.services.operations import nightly

    now = _now()
    as_of = _as_of(args.as_of, now)
    report = nightly.recompute(as_of=as_of, now=now)
    timing = ", ".join(f"{k} {v:.2f} s" for k, v in report.seconds.items())
    print(f"Benchmarks as of {as_of} for {report.organizations} organizations: {report.published} published, "
          f"{report.held} held, {report.suppressed} suppressed ({timing}).")
    return 0


def cmd_import_metrics(args: argparse.Namespace) -> int:
    import csv

    from app.services.benchmarks import metrics

    try:
        with open(args.file, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = {"metric", "as_of", "value"} - set(reader.fieldnames or [])
            if missing or not {"organization_id", "organization_name"} & set(reader.fieldnames or []):
                print("error: the CSV needs the columns organization_id or organization_name, metric, as_of, value"
                      f" (missing: {', '.join(sorted(missing)) or 'an organization column'}).", file=sys.stderr)
                return 2
            rows = list(tqdm(reader, desc="Reading", unit=" rows"))
    except OSError as err:
        print(f"error: cannot read {args.file}: {err.strerror}", file=sys.stderr)
        return 2
    bar = tqdm(total=len(rows), desc="Saving", unit=" rows")
    with session_scope() as session:
        # Line 1 is the header, so the first row is line 2: problems point at file lines.
        result = metrics.import_snapshots(session=session, actor=None, rows=rows, now=_now(), first_row=2,
                                          on_progress=bar.update)
    bar.close()
    print(f"Imported {result.rows} values for {result.organizations} organizations ({', '.join(result.metrics)}).")
    return 0


def cmd_bench_benchmarks(args: argparse.Namespace) -> int:
    from tools.bench_benchmarks import run_benchmark

    print(run_benchmark(organizations=args.orgs, days=args.days, runs=args.runs, keep=args.keep))
    return 0


def cmd_verify_certificate(args: argparse.Namespace) -> int:
    from app.services.training import certificates

    with session_scope() as session:
        found = certificates.verify_certificate(session=session, number=args.number, code=args.code, now=_now())
    print(f"{found.number}: {found.status.upper()}  {found.track_title}  holder {found.holder}")
    print(f"  issued {found.issued_at:%Y-%m-%d}, expires {found.expires_at:%Y-%m-%d}"
          + (f", revoked {found.revoked_at:%Y-%m-%d}" if found.revoked_at else "")
          + (f", superseded by {found.superseded_by}" if found.superseded_by else ""))
    return 0


def cmd_revoke_certificate(args: argparse.Namespace) -> int:
    from app.services.accounts import users as accounts
    from app.services.training import certificates

    with session_scope() as session:
        actor = accounts.user_by_email(session, args.by)
        cert = certificates.revoke_certificate(
            session=session, actor=actor, number=args.number, reason=args.reason, now=_now()
        )
    print(f"{cert.number} is revoked since {cert.revoked_at:%Y-%m-%d %H:%M} UTC: {cert.revoke_reason}")
    return 0


def cmd_export_content(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.services.training.content import export_content, write_content_file

    with session_scope() as session:
        document = export_content(session=session)
    write_content_file(document, Path(args.file))
    print(f"Wrote {len(document['tracks'])} tracks to {args.file}.")
    return 0


def cmd_import_content(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.services.training.content import import_content, read_content_file

    tracks = read_content_file(Path(args.file))  # refuses the whole file, listing every problem
    with session_scope() as session:
        created, updated = import_content(session=session, tracks=tracks, now=_now())
    print(f"Imported {args.file}: {created} tracks created, {updated} updated.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.services.operations.backup import backup

    path = backup(get_settings().database_url, Path(args.file))
    print(f"Backup written to {path} ({path.stat().st_size / 1e6:.1f} MB).")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.services.operations.backup import restore

    restore(get_settings().database_url, Path(args.file))
    print(f"Restored {args.file}. Run `python -m app.cli migrate` if the backup predates the current schema.")
    return 0


def cmd_scheduler(_args: argparse.Namespace) -> int:
    import logging

    from app.jobs.scheduler import run_standalone

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    print("Scheduler running (Ctrl+C to stop).", flush=True)
    try:
        run_standalone()
    except (KeyboardInterrupt, SystemExit):
        pass
    return 0


def cmd_create_database(_args: argparse.Namespace) -> int:
    from app.services.operations.database import ensure_database

    created = ensure_database(get_settings().database_url)
    print("Database created." if created else "Database exists.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m app.cli", description="Success Portal administration.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)

    seed = sub.add_parser("seed-demo", help="load deterministic demo data into an empty database")
    seed.add_argument("--orgs", type=int, default=300, help="number of customer organizations (default 300)")
    seed.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    seed.add_argument("--if-empty", action="store_true", help="do nothing (and succeed) if data exists")
    seed.set_defaults(func=cmd_seed_demo)

    sub.add_parser("demo-sign-ins", help="print the demo accounts").set_defaults(func=cmd_demo_sign_ins)

    create = sub.add_parser("create-user", help="create a user; the password is read from standard input")
    create.add_argument("--email", required=True)
    create.add_argument("--role", required=True, choices=["learner", "csm", "admin"])
    create.add_argument("--org", required=True, help="organization name, exactly as stored")
    create.add_argument("--first-name", default="New")
    create.add_argument("--last-name", default="User")
    create.set_defaults(func=cmd_create_user)

    nightly = sub.add_parser("run-nightly", help="run the nightly job now: overdue attempts, certification "
                                                 "rates, peer benchmarks")
    nightly.add_argument("--as-of", help="date to compute (default today, UTC)")
    nightly.add_argument("--scheduled", action="store_true",
                         help="run as the day's scheduled slot (for cron): skipped if it already ran")
    nightly.set_defaults(func=cmd_run_nightly)

    recompute = sub.add_parser("recompute-benchmarks", help="recompute one day's peer benchmarks")
    recompute.add_argument("--as-of", help="date to compute (default today, UTC)")
    recompute.set_defaults(func=cmd_recompute_benchmarks)

    metric_import = sub.add_parser("import-metrics", help="import metric values from a CSV file (all or nothing)")
    metric_import.add_argument("file", help="CSV with organization_id or organization_name, metric, as_of, value")
    metric_import.set_defaults(func=cmd_import_metrics)

    sub.add_parser("rotate-signing-key", help="make a new credential signing key current (old ones stay "
                                              "published)").set_defaults(func=cmd_rotate_signing_key)

    sub.add_parser("scheduler", help="run the nightly scheduler as its own process").set_defaults(func=cmd_scheduler)
    sub.add_parser("create-database", help="create the configured PostgreSQL database if it is missing").set_defaults(
        func=cmd_create_database)

    export = sub.add_parser("export-content", help="write every track, course, quiz and question to a YAML file")
    export.add_argument("file")
    export.set_defaults(func=cmd_export_content)
    content_import = sub.add_parser("import-content", help="create or update tracks from a YAML file (all or nothing)")
    content_import.add_argument("file")
    content_import.set_defaults(func=cmd_import_content)
    backup = sub.add_parser("backup", help="online backup of the database to a file")
    backup.add_argument("file")
    backup.set_defaults(func=cmd_backup)
    restore = sub.add_parser("restore", help="restore a backup into an empty database")
    restore.add_argument("file")
    restore.set_defaults(func=cmd_restore)

    bench = sub.add_parser("bench-benchmarks", help="measure the benchmark computation on synthetic data")
    bench.add_argument("--orgs", type=int, default=100_000, help="synthetic organizations (default 100000)")
    bench.add_argument("--days", type=int, default=8, help="days of daily snapshots (default 8)")
    bench.add_argument("--runs", type=int, default=1, help="measured recomputes, each in a fresh process; "
                                                          "the best is reported (default 1)")
    bench.add_argument("--keep", action="store_true", help="keep the temporary database")
    bench.set_defaults(func=cmd_bench_benchmarks)

    verify = sub.add_parser("verify-certificate", help="show a certificate's public status")
    verify.add_argument("number", help="e.g. CERT-2026-00042")
    verify.add_argument("--code", help="verification code printed on the certificate (shows the full name)")
    verify.set_defaults(func=cmd_verify_certificate)

    revoke = sub.add_parser("revoke-certificate", help="revoke a certificate (as an admin)")
    revoke.add_argument("number")
    revoke.add_argument("--reason", required=True, help="why; shown to the holder")
    revoke.add_argument("--by", required=True, metavar="ADMIN_EMAIL", help="the admin doing it (for the audit log)")
    revoke.set_defaults(func=cmd_revoke_certificate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        get_settings()
        return args.func(args)
    except SettingsError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except DomainError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
