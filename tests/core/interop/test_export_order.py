"""Exports to tools that do not shuffle (Anki, CSV, GIFT) list each question's choices in a
per-question shuffled order, so no card shows its answer by where the choices sit. Each test
reads the written file back the way the target tool would."""

from __future__ import annotations

import csv
import html
import io
import re
import sqlite3
import zipfile
from collections import Counter
from dataclasses import replace

import pytest

from desktop.core.interop import anki, gift, question_csv
from desktop.core.interop.common import export_order, matching_choice_order, plain_text
from desktop.core.interop.question_import import read_question_file
from desktop.core.interop.quiz_export import export_quiz
from tests.core.interop.helpers import write


@pytest.fixture(scope="module")
def bank(bundled_atlas):
    return bundled_atlas.content.questions()


def _items(field: str) -> list[str]:
    """The texts of the <li> items of an Anki field, in order."""
    return [html.unescape(re.sub(r"<[^>]+>", "", li))
            for li in re.findall(r"<li>(.*?)</li>", field, re.DOTALL)]


def _without_label(text: str) -> str:
    return re.sub(r"^[A-H]\. ", "", text)


@pytest.fixture(scope="module")
def anki_notes(bundled_atlas, tmp_path_factory):
    """question id -> {field name: value}, read from the .apkg's SQLite collection."""
    folder = tmp_path_factory.mktemp("apkg")
    out = folder / "bank.apkg"
    export_quiz(bundled_atlas, out, "apkg", {})
    with zipfile.ZipFile(out) as z:
        (folder / "collection.anki2").write_bytes(z.read("collection.anki2"))
    conn = sqlite3.connect(folder / "collection.anki2")
    notes = {}
    for (flds,) in conn.execute("SELECT flds FROM notes"):
        values = flds.split("\x1f")
        if len(values) == len(anki.QUESTION_FIELDS):
            notes[values[0]] = dict(zip(anki.QUESTION_FIELDS, values, strict=True))
    conn.close()
    return notes


def test_no_anki_ordering_card_shows_its_answer_on_the_front(bank, anki_notes):
    ordering = [q for q in bank if q.type == "ordering"]
    assert len(ordering) >= 20
    for q in ordering:
        note = anki_notes[q.id]
        front = [_without_label(t) for t in _items(note["Choices"])]
        answer = _items(note["Answer"])
        assert sorted(front) == sorted(answer), q.id
        assert front != answer, q.id  # the front never lists the items in the right order


def test_anki_choices_are_shuffled_per_question_and_the_keys_spread(bank, anki_notes):
    positions = Counter()
    moved = 0
    for q in bank:
        if q.type not in ("single", "multi"):
            continue
        note = anki_notes[q.id]
        front = [_without_label(t) for t in _items(note["Choices"])]
        authored = [html.unescape(o.text) for o in q.options]
        assert sorted(front) == sorted(authored), q.id
        moved += front != authored
        if q.type == "single":
            key = next(o.text for o in q.options if o.correct)
            positions[front.index(key)] += 1
    assert moved > 0.6 * sum(q.type in ("single", "multi") for q in bank)
    assert set(positions) >= {0, 1, 2, 3} and max(positions.values()) < 0.4 * sum(
        positions.values()), positions


def test_anki_matching_cards_never_pair_items_by_position(bank, anki_notes):
    for q in bank:
        if q.type != "matching":
            continue
        note = anki_notes[q.id]
        lefts_and_rights = note["Choices"].split("<p>with</p>")
        rights = _items(lefts_and_rights[1])
        assert rights != [p.right for p in q.pairs], q.id
        assert matching_choice_order(q) == matching_choice_order(q)


def test_the_order_is_deterministic_per_question(bank, bundled_atlas):
    for q in bank[:60]:
        assert export_order(q) == export_order(q)
        assert anki.question_fields(q, bundled_atlas.content) \
            == anki.question_fields(q, bundled_atlas.content)
    assert question_csv.dumps(bank) == question_csv.dumps(bank)
    assert gift.dumps(bank) == gift.dumps(bank)


def _csv_rows(text: str) -> dict[str, dict]:
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text))}


def test_csv_ordering_rows_are_not_written_in_answer_order(bank):
    rows = _csv_rows(question_csv.dumps(bank))
    for q in bank:
        row = rows[q.id]
        if q.type == "ordering":
            letters = [k.strip() for k in row["answer"].split(";")]
            assert letters != sorted(letters), q.id  # option_a, option_b... is not the answer
            by_letter = {k: row[f"option_{k}"] for k in letters}
            by_key = {o.key: o.text for o in q.options}
            assert [by_letter[k] for k in letters] == [by_key[k] for k in q.answer], q.id


def test_csv_single_keys_spread_over_the_letters(bank):
    rows = _csv_rows(question_csv.dumps(bank))
    letters = Counter(rows[q.id]["answer"] for q in bank if q.type == "single")
    assert set(letters) >= {"a", "b", "c", "d"}
    assert max(letters.values()) < 0.4 * sum(letters.values()), letters
    for q in bank:
        if q.type in ("single", "multi"):
            row = rows[q.id]
            right = {row[f"option_{k.strip()}"] for k in row["answer"].split(";")}
            assert right == {o.text for o in q.options if o.correct}, q.id


def test_a_question_that_must_keep_its_order_keeps_it(bank, tmp_path):
    q = next(q for q in bank if q.type == "single" and len(q.options) >= 4)
    kept = replace(q, shuffle=False)
    assert export_order(kept) == kept
    row = _csv_rows(question_csv.dumps([kept]))[q.id]
    assert [row[f"option_{o.key}"] for o in q.options] == [o.text for o in q.options]
    text, _ = gift.dumps([kept])
    plain = "\n".join(line for line in text.split("\n") if not line.startswith(gift.META))
    parsed = read_question_file(write(tmp_path / "kept.gift", plain))
    assert [o.text for o in parsed.questions[0].question.options] \
        == [plain_text(o.text) for o in q.options]


def test_gift_as_moodle_reads_it_lists_choices_shuffled(bank, tmp_path):
    """Without our comments (Moodle ignores them) the choices come in the written order."""
    text, _ = gift.dumps(bank)
    plain = "\n".join(line for line in text.split("\n") if not line.startswith(gift.META))
    parsed = read_question_file(write(tmp_path / "plain.gift", plain))
    assert parsed.ok, parsed.report()[:2000]
    got = {pq.question.id: pq.question for pq in parsed.questions}
    positions = Counter()
    moved = 0
    choice_items = [q for q in bank if q.type in ("single", "multi")]
    for q in choice_items:
        authored = [plain_text(o.text) for o in q.options]
        texts = [o.text for o in got[q.id].options]
        assert sorted(texts) == sorted(authored), q.id
        moved += texts != authored
        if q.type == "single":
            positions[next(n for n, o in enumerate(got[q.id].options) if o.correct)] += 1
    assert moved > 0.6 * len(choice_items)
    assert max(positions.values()) < 0.4 * sum(positions.values()), positions
