from sqlalchemy.exc import OperationalError

from app.ui.errors import DATABASE_DOWN, UNEXPECTED, backend_error


def _message(event) -> str:
    return str(event)


def test_a_database_outage_gets_a_friendly_message_without_internals():
    event = backend_error(OperationalError("SELECT secret FROM user", {}, Exception("connection refused")))
    text = _message(event)
    assert DATABASE_DOWN.split(".")[0] in text and "SELECT" not in text and "refused" not in text


def test_other_errors_say_what_to_do_and_hide_the_exception():
    text = _message(backend_error(ValueError("token=abc123")))
    assert UNEXPECTED.split(";")[0] in text and "abc123" not in text
