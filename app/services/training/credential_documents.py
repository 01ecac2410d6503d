"""What a credential points at: the issuer profile, each track's achievement and badge image,
the holder's baked badge and LinkedIn link."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from app.domain import badge_art, linkedin
from app.domain import credentials as vc
from app.domain.errors import NotFound
from app.models import Certificate, Track
from app.services.dto import UserDTO
from app.services.training import credentials, signing
from app.services.training.certificates import verification_url
from app.services.training.dto import AchievementPage, BakedBadge
from app.settings import get_settings


def issuer_profile() -> dict:
    return vc.as_document(vc.profile(signing.issuer()))


def issuer_image() -> str:
    settings = get_settings()
    return badge_art.badge_svg(settings.portal_name, "issuer")


def _track(session: Session, slug: str) -> Track:
    """The track an achievement id names: by slug, or by its title as earlier credentials spelt it.

    Only tracks learners can see or that certified someone: a draft stays private.
    """
    tracks = session.exec(select(Track).where(Track.slug == slug)).all() or [
        t for t in session.exec(select(Track)).all() if vc.title_slug(t.title) == slug]
    for track in tracks:
        if track.is_published or session.exec(
                select(Certificate.id).where(Certificate.track_id == track.id).limit(1)).first() is not None:
            return track
    raise NotFound(f"No achievement {slug!r}. A credential's achievement id names one.")


def achievement_document(*, session: Session, slug: str) -> dict:
    track = _track(session, slug)
    base = get_settings().public_base_url
    node = vc.achievement(base, track.slug, track.title, track.description)
    return vc.as_document(node | {"creator": vc.profile(signing.issuer())})


def achievement_page(*, session: Session, slug: str) -> AchievementPage:
    return _achievement_page(_track(session, slug))


def certificate_achievement(*, session: Session, number: str) -> AchievementPage:
    """Public: what the certificate with this (already verified) number certifies, for the verdict page."""
    track = session.exec(select(Track).join(Certificate, Certificate.track_id == Track.id)
                         .where(Certificate.number == number)).first()
    if track is None:
        raise NotFound(f"No certificate has the number {number}.")
    return _achievement_page(track)


def _achievement_page(track: Track) -> AchievementPage:
    issuer = signing.issuer()
    return AchievementPage(slug=track.slug, name=track.title, description=track.description or track.title,
                           criteria=vc.CRITERIA, image_path=vc.achievement_image_url("", track.slug),
                           json_path=f"/api/credentials/achievements/{track.slug}",
                           issuer_name=issuer.name, issuer_url=issuer.url,
                           issuer_image_path="/api/credentials/issuer/image.svg")


def achievement_image(*, session: Session, slug: str) -> str:
    track = _track(session, slug)
    return badge_art.badge_svg(track.title, track.slug, subtitle=get_settings().portal_name)


def baked_badge(*, session: Session, number: str, viewer: UserDTO | None, code: str | None,
                now: datetime) -> BakedBadge:
    """The track's badge with the holder's signed credential baked in (OB 3.0, SVG)."""
    signed = credentials.get_credential(session=session, number=number, viewer=viewer, code=code, now=now)
    cert = session.exec(select(Certificate).where(Certificate.number == signed.number)).one()
    track = session.get(Track, cert.track_id)
    art = badge_art.badge_svg(cert.track_title, track.slug, subtitle=get_settings().portal_name)
    return BakedBadge(filename=f"{cert.number}-badge.svg", svg=badge_art.bake(art, signed.jwt))


def linkedin_url(*, number: str, track_title: str, issued_at: datetime, expires_at: datetime) -> str:
    """LinkedIn's add-to-profile form, pre-filled. The link is the public check without the code:
    a profile is public, and the code would also unlock the credential and its email hash."""
    return linkedin.add_to_profile_url(name=f"{track_title} certificate", issuer=get_settings().portal_name,
                                       issued_at=issued_at, expires_at=expires_at, credential_id=number,
                                       credential_url=verification_url(number))
