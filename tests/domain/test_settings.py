import pytest

from app.settings import SettingsError, load_settings


def test_defaults_use_an_sqlite_file_under_data():
    settings = load_settings({})
    assert settings.database_url.startswith("sqlite:///") and settings.database_url.endswith("data/portal.db")
    assert settings.session_hours == 12 and settings.login_max_failures == 10 and settings.redis_url is None


def test_plain_postgres_urls_get_the_psycopg_driver():
    assert load_settings({"DATABASE_URL": "postgresql://u@h:5432/db"}).database_url == "postgresql+psycopg://u@h:5432/db"
    assert load_settings({"DATABASE_URL": "postgres://u@h/db"}).database_url == "postgresql+psycopg://u@h/db"


@pytest.mark.parametrize(
    "env, name",
    [
        ({"DATABASE_URL": "mysql://root@localhost/db"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgresql://"}, "DATABASE_URL"),
        ({"REDIS_URL": "localhost:6379"}, "REDIS_URL"),
        ({"SESSION_HOURS": "twelve"}, "SESSION_HOURS"),
        ({"LOGIN_MAX_FAILURES": "0"}, "LOGIN_MAX_FAILURES"),
        ({"PUBLIC_BASE_URL": "portal.example.com"}, "PUBLIC_BASE_URL"),
    ],
)
def test_a_malformed_setting_is_refused_with_its_name(env, name):
    with pytest.raises(SettingsError) as err:
        load_settings(env)
    assert err.value.name == name and name in str(err.value)


def test_a_malformed_url_is_reported_without_its_password():
    with pytest.raises(SettingsError) as err:
        load_settings({"DATABASE_URL": "mysql://admin:hunter2@db.example.com/portal"})
    assert "hunter2" not in str(err.value) and "admin:***@db.example.com" in str(err.value)


@pytest.mark.parametrize("env", [
    {"PUBLIC_BASE_URL": "http://portal.example.com"},  # plain http to a real host, in any environment
    {"PUBLIC_BASE_URL": "http://10.0.0.5:3000"},
    {"PORTAL_ENV": "production"},  # production with the development default, http://localhost
    {"PORTAL_ENV": "production", "PUBLIC_BASE_URL": "http://localhost:3000"},
])
def test_an_http_public_address_is_refused_where_keys_could_be_swapped(env):
    with pytest.raises(SettingsError) as err:
        load_settings(env)
    assert err.value.name == "PUBLIC_BASE_URL" and "https://" in str(err.value) and "swapped" in str(err.value)


def test_https_anywhere_and_http_on_this_machine_in_development_are_accepted():
    assert load_settings({"PUBLIC_BASE_URL": "https://portal.example.com/"}).public_base_url == "https://portal.example.com"
    production = {"PORTAL_ENV": "production", "PUBLIC_BASE_URL": "https://portal.example.com"}
    assert load_settings(production).public_base_url == "https://portal.example.com"
    for local in ("http://localhost:3000", "http://127.0.0.1:3100"):
        assert load_settings({"PUBLIC_BASE_URL": local}).public_base_url == local


def test_an_unknown_portal_env_is_refused():
    with pytest.raises(SettingsError) as err:
        load_settings({"PORTAL_ENV": "staging"})
    assert err.value.name == "PORTAL_ENV"


@pytest.mark.parametrize("env", [{"SMTP_URL": "http://mail.example.com"}, {"SMTP_URL": "smtp://"},
                                 {"SMTP_URL": "smtp://mail.example.com:99999"}, {"SMTP_URL": "smtp://h:587/inbox"},
                                 {"SMTP_FROM": "training"}, {"SMTP_FROM": "a@b.c\nBcc: all@x.y"}])
def test_a_malformed_mail_setting_is_refused_with_its_name_and_no_password(env):
    with pytest.raises(SettingsError) as err:
        load_settings(env | {"SMTP_URL": env.get("SMTP_URL", "smtps://robot:s3cret@mail.example.com:465")})
    assert err.value.name == next(iter(env)) and "s3cret" not in str(err.value)


def test_mail_is_off_without_smtp_url_and_the_sender_defaults_to_the_portals_host():
    settings = load_settings({"PUBLIC_BASE_URL": "https://training.example.com", "PORTAL_NAME": "Acme Academy"})
    assert settings.smtp_url is None and settings.smtp_from == "Acme Academy <no-reply@training.example.com>"
    given = load_settings({"SMTP_URL": "smtps://robot:s3cret@mail.example.com:465",
                           "SMTP_FROM": "Training <training@example.com>"})
    assert given.smtp_url.startswith("smtps://") and given.smtp_from == "Training <training@example.com>"
