"""Questions generated from the structures: unambiguous, rebuilt from their ids, registered as
a question source, and their drawings never named in what the quiz shows."""

from __future__ import annotations

from desktop.core.chemistry.parts import PARTS
from desktop.core.quiz import sources
from desktop.core.quiz.structure_questions import (
    PREFIX,
    QUIZ_STRUCTURES,
    ROLE_PARTS,
    figures_for,
    generate_structure_questions,
    question_for_id,
)


def test_generated_set_covers_every_kind_and_rebuilds_from_ids(bundled_atlas):
    content = bundled_atlas.content
    questions = generate_structure_questions(content, seed=7)
    kinds = [q.id[len(PREFIX):].split(":")[0] for q in questions]
    assert kinds.count("which") == len(QUIZ_STRUCTURES)
    assert kinds.count("match") >= 1 and kinds.count("part") >= 10
    for question in questions:
        assert question_for_id(content, question.id) == question
        assert "," not in question.id  # open_item("question", "a,b") splits on commas
        assert question.sources and question.generated
    assert generate_structure_questions(content, seed=7) == questions


def test_which_structure_has_one_key_and_neutral_options(bundled_atlas):
    content = bundled_atlas.content
    names = {s.name for s in content.structures()}
    for question in generate_structure_questions(content, seed=3):
        if ":which:" not in question.id.replace(PREFIX, ":"):
            continue
        assert [o.text for o in question.options] == [f"Structure {c}" for c in "ABCD"]
        assert sum(o.correct for o in question.options) == 1
        assert not question.shuffle  # option letters must stay with the drawings' letters
        figures = figures_for(content, question.id)
        assert [f.label for f in figures] == [o.text for o in question.options]
        key = next(o for o in question.options if o.correct)
        answer = content.structure(figures["abcd".index(key.key)].structure_id)
        assert f"**{answer.name}**" in question.stem
        assert not any(n in o.text for o in question.options for n in names)
        assert not {"r-thalidomide", "s-thalidomide"} & {f.structure_id for f in figures}


def test_part_question_offers_four_distinct_roles(bundled_atlas):
    content = bundled_atlas.content
    question = question_for_id(content, f"{PREFIX}part:lenalidomide:glutarimide")
    assert [o.text.lower() for o in question.options] == [PARTS[p].role.lower()
                                                           for p in ROLE_PARTS]
    key = next(o for o in question.options if o.correct)
    assert "tri-tryptophan pocket" in key.text
    (figure,) = figures_for(content, question.id)
    assert (figure.structure_id, figure.part) == ("lenalidomide", "glutarimide")
    # A part the drawing does not have cannot be asked about.
    assert question_for_id(content, f"{PREFIX}part:lenalidomide:phthalimide") is None


def test_matching_pairs_drawings_with_names(bundled_atlas):
    content = bundled_atlas.content
    question = question_for_id(content, f"{PREFIX}match:pomalidomide+cc-885+lenalidomide")
    assert [(p.left, p.right) for p in question.pairs] == [
        ("Structure A", "Pomalidomide"), ("Structure B", "CC-885"),
        ("Structure C", "Lenalidomide")]
    assert [f.structure_id for f in figures_for(content, question.id)] == [
        "pomalidomide", "cc-885", "lenalidomide"]


def test_bad_ids_give_no_question(bundled_atlas):
    content = bundled_atlas.content
    for bad in (f"{PREFIX}which:thalidomide:thalidomide+lenalidomide",
                f"{PREFIX}which:r-thalidomide:r-thalidomide+lenalidomide+pomalidomide+cc-885",
                f"{PREFIX}part:nothing:glutarimide", f"{PREFIX}match:thalidomide",
                f"{PREFIX}nonsense:x", "gen-year:x"):
        assert question_for_id(content, bad) is None
        assert figures_for(content, bad) == []


def test_structure_questions_are_a_registered_source(bundled_atlas):
    source = sources.source("structures")
    assert source is not None
    loaded = source.load(bundled_atlas)
    assert loaded and all(q.id.startswith(PREFIX) for q in loaded)
    found = sources.resolve_question(bundled_atlas, loaded[0].id)
    assert found == loaded[0]
