import copy

import pytest
import yaml

from app.domain.training.content import ContentInvalid, parse_content
from app.services.training.content import DEMO_CONTENT

GOOD = {
    "tracks": [
        {
            "slug": "basics",
            "title": "Basics",
            "is_published": True,
            "courses": [
                {
                    "slug": "one",
                    "title": "One",
                    "content": "Read me.",
                    "quiz": {
                        "title": "Quiz one",
                        "questions": [
                            {"kind": "true_false", "prompt": "Sky is blue?", "choices": [
                                {"text": "True", "correct": True}, {"text": "False", "correct": False}]},
                        ],
                    },
                }
            ],
        }
    ]
}


def test_the_shipped_demo_content_is_valid_and_complete():
    tracks = parse_content(yaml.safe_load(DEMO_CONTENT.read_text()))
    assert len(tracks) == 3
    for track in tracks:
        assert 2 <= len(track.courses) <= 4 and track.is_published
        for course in track.courses:
            assert 5 <= len(course.quiz.questions) <= 10
            assert len(course.content.split()) > 150


def test_a_valid_document_parses_with_defaults():
    (track,) = parse_content(GOOD)
    quiz = track.courses[0].quiz
    assert quiz.pass_threshold == 80.0 and quiz.review_policy == "correctness" and quiz.max_attempts is None


def test_every_problem_is_reported_with_its_location():
    doc = copy.deepcopy(GOOD)
    question = doc["tracks"][0]["courses"][0]["quiz"]["questions"][0]
    question["choices"][1]["correct"] = True  # two correct answers on a true/false question
    doc["tracks"][0]["courses"][0]["quiz"]["pass_threshold"] = 0
    doc["tracks"][0]["slug"] = "Bad Slug"
    with pytest.raises(ContentInvalid) as err:
        parse_content(doc)
    problems = "\n".join(err.value.problems)
    assert "tracks[0].courses[0].quiz.questions[0].choices: a true_false question needs exactly one correct" in problems
    assert "tracks[0].courses[0].quiz.pass_threshold" in problems
    assert "tracks[0].slug" in problems
    assert len(err.value.problems) == 3


def test_a_multiple_choice_question_needs_a_correct_choice_and_a_track_needs_courses():
    doc = {"tracks": [{"slug": "x", "title": "X", "courses": []}]}
    with pytest.raises(ContentInvalid, match=r"tracks\[0\].courses: must be a non-empty list"):
        parse_content(doc)
    doc = copy.deepcopy(GOOD)
    doc["tracks"][0]["courses"][0]["quiz"]["questions"][0] = {
        "kind": "multiple_choice", "prompt": "Pick", "choices": [{"text": "a", "correct": False}, {"text": "b", "correct": False}]}
    with pytest.raises(ContentInvalid, match="needs at least one correct choice"):
        parse_content(doc)


def test_a_document_written_from_parsed_content_parses_back_to_the_same_content():
    from app.domain.training.content import to_document

    tracks = parse_content(yaml.safe_load(DEMO_CONTENT.read_text()))
    again = parse_content(yaml.safe_load(yaml.safe_dump(to_document(tracks), sort_keys=False)))
    assert again == tracks


def test_a_draft_course_may_lack_its_text_and_questions_but_a_published_one_may_not():
    doc = copy.deepcopy(GOOD)
    draft = {"slug": "two", "title": "Two", "is_published": False, "quiz": {"title": "Quiz two"}}
    doc["tracks"][0]["courses"].append(draft)
    (track,) = parse_content(doc)
    assert [c.is_published for c in track.courses] == [True, False]
    assert track.courses[1].quiz.questions == ()
    draft["is_published"] = True
    with pytest.raises(ContentInvalid) as err:
        parse_content(doc)
    assert err.value.problems == ["tracks[0].courses[1].content: is required",
                                  "tracks[0].courses[1].quiz.questions: must be a non-empty list"]


def test_a_published_track_needs_a_published_course_and_flags_must_be_booleans():
    doc = copy.deepcopy(GOOD)
    doc["tracks"][0]["courses"][0]["is_published"] = False
    with pytest.raises(ContentInvalid) as err:
        parse_content(doc)
    assert err.value.problems == ["tracks[0].courses: a published track needs at least one published course"]
    doc["tracks"][0]["courses"][0]["is_published"] = "yes"
    with pytest.raises(ContentInvalid) as err:
        parse_content(doc)
    assert err.value.problems == ["tracks[0].courses[0].is_published: must be true or false"]
