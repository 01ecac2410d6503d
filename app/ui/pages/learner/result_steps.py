"""The one next step after a quiz, as the result page offers it."""

from __future__ import annotations

from app.services.training.dto import AttemptResult, QuizPlace
from app.ui import routes


def next_step(result: AttemptResult, place: QuizPlace, can_retake: bool, track_href: str) -> dict:
    """kind, label and href of the primary action: the certificate once the track is complete,
    else the next course after a pass, else a retake after a fail; the track when nothing else fits."""
    if result.certificate is not None:
        return {"kind": "certificate", "label": "View your certificate",
                "href": routes.certificate(result.certificate.number)}
    if result.certificate_available:
        return {"kind": "get_certificate", "label": "Get your certificate", "href": ""}
    if result.passed and place.next_course_id:
        return {"kind": "next_course", "label": f"Start the next course: {place.next_course_title}",
                "href": f"{track_href}#course-{place.next_course_id}"}
    if not result.passed and can_retake:
        return {"kind": "retake", "label": "Retake the quiz", "href": ""}
    if result.passed:
        return {"kind": "track", "label": "Continue the track", "href": track_href}
    return {"kind": "track", "label": "Read the course again",
            "href": f"{track_href}#course-{place.course_id}" if place.course_id and not place.withdrawn else track_href}
