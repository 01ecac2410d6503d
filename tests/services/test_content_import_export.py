"""Content as code: export and import round-trip; an invalid file changes nothing."""

from __future__ import annotations

import copy

import pytest
import yaml
from sqlmodel import func, select

from app import cli
from app.db import session_scope
from app.domain.training.content import parse_content
from app.models import Question, Track
from app.services.training.content import DEMO_CONTENT, create_tracks, export_content, import_content, read_content_file
from tests.conftest import NOW, _empty_all_tables


def _export() -> dict:
    with session_scope() as s:
        return export_content(session=s)


def test_export_then_import_into_an_empty_database_gives_the_same_document(db, tmp_path, capsys):
    with session_scope() as s:
        create_tracks(session=s, tracks=read_content_file(DEMO_CONTENT), now=NOW)
    path = tmp_path / "content.yaml"
    assert cli.main(["export-content", str(path)]) == 0
    first = _export()
    assert yaml.safe_load(path.read_text()) == first and len(first["tracks"]) == 3
    _empty_all_tables()
    assert cli.main(["import-content", str(path)]) == 0
    assert "3 tracks created, 0 updated" in capsys.readouterr().out
    assert _export() == first
    # The exported file is what the demo ships, item for item.
    assert parse_content(first) == read_content_file(DEMO_CONTENT)


def test_an_invalid_file_is_refused_whole_with_every_location(db, tmp_path, capsys):
    document = yaml.safe_load(DEMO_CONTENT.read_text())
    bad = copy.deepcopy(document)
    bad["tracks"][1]["courses"][0]["quiz"]["pass_threshold"] = 120
    bad["tracks"][2]["courses"][1]["quiz"]["questions"][0]["choices"][0]["correct"] = True
    bad["tracks"][2]["courses"][1]["quiz"]["questions"][0]["choices"][1]["correct"] = True
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(bad))
    assert cli.main(["import-content", str(path)]) == 1
    err = capsys.readouterr().err
    assert "tracks[1].courses[0].quiz.pass_threshold: must be a percentage above 0 and at most 100" in err
    assert "tracks[2].courses[1].quiz.questions[0].choices:" in err
    with session_scope() as s:
        assert s.exec(select(func.count(Track.id))).one() == 0


def test_importing_an_edited_file_updates_tracks_by_slug_and_replaces_changed_questions(db):
    with session_scope() as s:
        create_tracks(session=s, tracks=read_content_file(DEMO_CONTENT), now=NOW)
    document = _export()
    document["tracks"][0]["title"] = "Foundations, revised"
    document["tracks"][0]["courses"][0]["quiz"]["questions"][0]["prompt"] = "What does TTV stand for?"
    document["tracks"][0]["courses"].reverse()
    with session_scope() as s:
        before = s.exec(select(func.count(Question.id))).one()
        assert import_content(session=s, tracks=parse_content(document), now=NOW) == (0, 3)
    assert _export() == document
    with session_scope() as s:
        # Only the changed quiz got new question rows; the old ones are kept, retired.
        retired = s.exec(select(func.count(Question.id)).where(Question.retired_at.is_not(None))).one()
        assert s.exec(select(func.count(Question.id))).one() == before + retired and retired > 0


def test_the_demo_seed_loads_the_shipped_content_file(db):
    tracks = read_content_file(DEMO_CONTENT)
    with session_scope() as s:
        create_tracks(session=s, tracks=tracks, now=NOW)
    assert [t["slug"] for t in _export()["tracks"]] == [t.slug for t in tracks]
