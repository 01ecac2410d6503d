"""Composition root: the Reflex app, its pages and the REST API in front of it."""

from __future__ import annotations

import reflex as rx
from reflex_base.utils.format import format_event_handler

import app.models  # noqa: F401  (tables must be imported for the app and migrations)
from app.api import build_api
from app.api.request_guard import MULTIPART_SLACK
from app.jobs.scheduler import scheduler_lifespan
from app.services.accounts.imports import MAX_CSV_BYTES
from app.startup import startup_checks
from app.ui import routes
from app.ui.errors import backend_error
from app.ui.page_scripts import inline_script_hashes
from app.ui.pages.admin.content import AdminContentState, admin_content_page
from app.ui.pages.admin.course import AdminCourseState
from app.ui.pages.admin.course_view import admin_course_page
from app.ui.pages.admin.audit import AdminAuditState, admin_audit_page
from app.ui.pages.admin.certificates import AdminCertificatesState, admin_certificates_page
from app.ui.pages.admin.jobs import AdminJobsState, admin_jobs_page
from app.ui.pages.admin.organizations import AdminOrganizationsState, admin_organizations_page
from app.ui.pages.admin.track import AdminTrackState, admin_track_page
from app.ui.pages.admin.users import admin_users_page
from app.ui.pages.admin.users_forms import AdminUserFormsState
from app.ui.pages.admin.users_list import AdminUsersState
from app.ui.pages.csm.benchmarks_org import BenchmarkState, benchmark_page
from app.ui.pages.csm.benchmarks_print import BenchmarkPrintState, benchmark_print_page
from app.ui.pages.csm.customers import CustomersState
from app.ui.pages.csm.customers_view import customers_page
from app.ui.pages.learner.certificate import CertificateState, certificate_page
from app.ui.pages.learner.certificates import CertificatesState, certificates_page
from app.ui.pages.learner.quiz import QuizState, quiz_page
from app.ui.pages.learner.result import ResultState, result_page
from app.ui.pages.learner.track_detail import TrackState, track_page
from app.ui.pages.learner.tracks import TracksState, tracks_page
from app.ui.pages.public.achievement import AchievementState, achievement_page
from app.ui.pages.public.basic import forbidden_page, home_page, not_found_page
from app.ui.pages.public.login import LoginState, login_page
from app.ui.pages.public.verify import VerifyState, verify_form_page, verify_result_page
from app.ui.pages.public.verify_credential import MAX_BYTES as CREDENTIAL_FILE_BYTES, CredentialCheckState
from app.ui.state import SessionState
from app.ui.tab_guard import TabGuard

# The largest upload each upload handler takes (the file plus multipart framing): the body is
# counted as it streams in and refused with 413 past this, before any handler reads it.
UPLOAD_LIMITS = {
    format_event_handler(CredentialCheckState.check_file): CREDENTIAL_FILE_BYTES + MULTIPART_SLACK,  # anyone
    format_event_handler(AdminUserFormsState.import_csv_file): MAX_CSV_BYTES + MULTIPART_SLACK,
}

# Pages that moved, so old bookmarks keep working: the two lists merged into the customer list.
PAGE_MOVES = {
    "/organizations": routes.CUSTOMERS,
    "/benchmarks": routes.CUSTOMERS,
    "/benchmarks/[org_id]": routes.BENCHMARK,
    "/benchmarks/[org_id]/print": routes.BENCHMARK_PRINT,
}

app = rx.App(
    api_transformer=build_api(upload_limits=UPLOAD_LIMITS, page_script_hashes=inline_script_hashes,
                              page_moves=PAGE_MOVES),
    stylesheets=["/portal.css", "/learner.css", "/admin.css"],
    backend_exception_handler=backend_error,
    head_components=[
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
        rx.el.link(rel="alternate icon", href="/favicon.ico", sizes="32x32"),
    ],
)
# Before any handler (including the page-load one that sends the whole state): see TabGuard.
app.add_middleware(TabGuard(), index=0)
app.register_lifespan_task(startup_checks)
# The nightly job: every worker schedules it, the JobRun guard runs it once per slot.
app.register_lifespan_task(scheduler_lifespan)

PAGES = (
    (home_page, routes.HOME, "Success Portal", SessionState.go_home),
    (login_page, routes.LOGIN, "Sign in · Success Portal", LoginState.check_already_signed_in),
    (tracks_page, routes.TRACKS, "My tracks · Success Portal", TracksState.load),
    (track_page, routes.TRACK, "Track · Success Portal", TrackState.load),
    (quiz_page, routes.ATTEMPT, "Quiz · Success Portal", QuizState.load),
    (result_page, routes.RESULT, "Quiz result · Success Portal", ResultState.load),
    (certificates_page, routes.CERTIFICATES, "My certificates · Success Portal", CertificatesState.load),
    (certificate_page, routes.CERTIFICATE, "Certificate · Success Portal", CertificateState.load),
    (verify_form_page, routes.VERIFY, "Check a certificate · Success Portal", None),
    (verify_result_page, routes.VERIFY_NUMBER, "Certificate check · Success Portal", VerifyState.load),
    (achievement_page, routes.ACHIEVEMENT, "Achievement · Success Portal", AchievementState.load),
    (customers_page, routes.CUSTOMERS, "Customers · Success Portal", CustomersState.load),
    (benchmark_page, routes.BENCHMARK, "Customer benchmarks · Success Portal", BenchmarkState.load),
    (benchmark_print_page, routes.BENCHMARK_PRINT, "Benchmark summary · Success Portal", BenchmarkPrintState.load),
    (admin_users_page, routes.ADMIN_USERS, "Users · Success Portal", AdminUsersState.load),
    (admin_content_page, routes.ADMIN_CONTENT, "Content · Success Portal", AdminContentState.load),
    (admin_track_page, routes.ADMIN_TRACK, "Track · Content · Success Portal", AdminTrackState.load),
    (admin_course_page, routes.ADMIN_COURSE, "Course · Content · Success Portal", AdminCourseState.load),
    (admin_organizations_page, routes.ADMIN_ORGANIZATIONS, "Organizations · Admin · Success Portal",
     AdminOrganizationsState.load),
    (admin_certificates_page, routes.ADMIN_CERTIFICATES, "Certificates · Admin · Success Portal",
     AdminCertificatesState.load),
    (admin_jobs_page, routes.ADMIN_JOBS, "Jobs · Success Portal", AdminJobsState.load),
    (admin_audit_page, routes.ADMIN_AUDIT, "Audit log · Success Portal", AdminAuditState.load),
    (forbidden_page, routes.FORBIDDEN, "No access · Success Portal", SessionState.load_identity),
)
for component, route, title, on_load in PAGES:
    app.add_page(component, route=route, title=title, on_load=on_load)
app.add_page(not_found_page, route="404", title="Page not found · Success Portal")
