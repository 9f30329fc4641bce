"""The item-quality report measures each cue against chance, on small banks built for the test."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from db.content_loader import Record, load_content
from db.item_quality import (
    chance_checks,
    chi2_sf,
    format_report,
    has_absolute,
    has_hedge,
    items_from_records,
    quality_report,
)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "content"
LETTERS = "abcdef"


def q(qid: str, options: list[str], answer, qtype: str = "single", topic: str = "history",
      stem: str | None = None, **extra) -> Record:
    data = {
        "id": qid, "type": qtype, "topic": topic, "difficulty": extra.pop("difficulty", "recall"),
        "stem": stem or f"Question {qid} asks about subject {qid}?",
        "objective": extra.pop("objective", f"Objective of {qid}."),
        "options": [{"key": LETTERS[i], "text": text, "rationale": "r"}
                    for i, text in enumerate(options)],
        "answer": answer, **extra,
    }
    return Record("question", data, "questions/test.toml", 1)


def report_of(*records: Record, topics=None):
    return quality_report(items_from_records(records), topics)


def test_key_longest_counts_against_the_chance_of_the_same_questions():
    report = report_of(
        q("q-1", ["short", "a much longer key text", "tiny", "small"], "b"),
        q("q-2", ["key", "distractor", "other option"], "a"),
        # Key ties for longest with one distractor: half a count.
        q("q-3", ["same length", "same length!", "short"], "b"),
        q("q-4", ["abc", "abcdefghijkl"], "b", qtype="single"),
    )
    c = report.single_key_longest
    assert c.questions == 4
    assert c.observed == pytest.approx(1 + 0 + 1 + 1)
    assert c.expected == pytest.approx(1 / 4 + 1 / 3 + 1 / 3 + 1 / 2)


def test_key_shortest_is_reported_against_chance_too():
    report = report_of(
        q("q-1", ["a much longer option", "key", "another long option"], "b"),
        q("q-2", ["short", "the key is the longest here", "medium one"], "b"),
    )
    assert report.single_key_shortest.observed == pytest.approx(1.0)
    assert report.single_key_shortest.expected == pytest.approx(2 / 3)


def test_ties_for_the_longest_option_share_the_count():
    report = report_of(q("q-1", ["equal one", "equal two", "short"], "a"))
    assert report.single_key_longest.observed == pytest.approx(0.5)


def test_multi_select_longest_option_is_a_key_against_keys_over_options():
    report = report_of(
        q("q-1", ["a", "the longest option by far", "c", "d", "e"], ["b", "c"], qtype="multi"),
        q("q-2", ["long option here", "x", "y", "z"], ["b"], qtype="multi"),
    )
    c = report.multi_key_longest
    assert c.observed == pytest.approx(1.0)
    assert c.expected == pytest.approx(2 / 5 + 1 / 4)


def test_absolute_words_and_hedges_are_found_as_words():
    assert has_absolute("It is always given")
    assert has_absolute("Lenalidomide cannot be used")
    assert not has_absolute("Allogeneic transplant")  # "all" inside a word is not a word
    assert has_hedge("It may help")
    assert not has_hedge("Mayo Clinic trial")


def test_unqualified_key_among_absolute_distractors_is_listed_and_below_chance():
    report = report_of(
        q("q-1", ["It always works", "It never works", "It works in some patients",
                  "It only works in women"], "c"),
    )
    assert report.absolute_cued == ["q-1"]
    assert report.absolute_rates["keys"] == 0.0
    assert report.absolute_rates["distractors"] == 1.0
    assert report.absolute_keys.observed == 0
    assert report.absolute_keys.expected == pytest.approx(3 / 4)
    checks = {c.name: c.passed for c in chance_checks(report, per_topic=False)}
    assert checks["absolute words in keys at least as often as chance"] is False


def test_hedged_key_is_above_chance():
    report = report_of(q("q-1", ["It may help", "It cures", "It harms", "It is inert"], "a"))
    assert report.hedge_keys.observed == 1
    assert report.hedge_keys.expected == pytest.approx(1 / 4)
    checks = {c.name: c.passed for c in chance_checks(report, per_topic=False)}
    assert checks["hedges in keys no more often than chance"] is False


def test_key_positions_all_on_one_letter_fail_and_an_even_spread_passes():
    options = ["one option", "two option", "three option", "four option"]
    stacked = report_of(*(q(f"q-{i}", options, "a") for i in range(20)))
    assert stacked.single_positions.observed == (20, 0, 0, 0)
    assert stacked.single_positions.expected == pytest.approx((5, 5, 5, 5))
    assert stacked.single_positions.p < 0.001
    even = report_of(*(q(f"q-{i}", options, LETTERS[i % 4]) for i in range(20)))
    assert even.single_positions.observed == (5, 5, 5, 5)
    assert even.single_positions.p == pytest.approx(1.0)


def test_multi_select_keys_first_and_their_positions():
    options = ["w1 w2", "w3 w4", "w5 w6", "w7 w8", "w9 w0"]
    report = report_of(
        q("q-1", options, ["a", "b"], qtype="multi"),
        q("q-2", options, ["b", "a"], qtype="multi"),
        q("q-3", options, ["c", "e"], qtype="multi"),
    )
    assert report.multi_keys_first_ids == ["q-1", "q-2"]
    assert report.multi_keys_first.expected == pytest.approx(3 / math.comb(5, 2))
    assert report.multi_positions.observed == (2, 2, 1, 0, 1)
    assert report.multi_positions.expected == pytest.approx((1.2,) * 5)


def test_ordering_items_authored_in_answer_order_or_reversed_are_found():
    options = ["first event", "second event", "third event", "fourth event"]
    report = report_of(
        q("q-1", options, ["a", "b", "c", "d"], qtype="ordering"),
        q("q-2", options, ["d", "c", "b", "a"], qtype="ordering"),
        q("q-3", options, ["c", "a", "d", "b"], qtype="ordering"),
    )
    assert report.ordering_in_order_ids == ["q-1", "q-2"]
    assert report.ordering_in_order.expected == pytest.approx(3 * 2 / 24)
    # q-1 +1, q-2 -1, q-3: ranks (1, 3, 0, 2) -> 1 - 6*10/60 = 0
    assert report.ordering_mean_rho == pytest.approx(0.0)


def test_near_identical_stems_and_reversed_matching_pairs_are_duplicates():
    def matching(qid, pairs, stem, **extra):
        data = {"id": qid, "type": "matching", "topic": "history", "difficulty": "recall",
                "stem": stem, "objective": stem,
                "pairs": [{"left": a, "right": b, "rationale": "r"} for a, b in pairs], **extra}
        return Record("question", data, "questions/test.toml", 1)

    codes = [("Lenalidomide", "CC-5013"), ("Pomalidomide", "CC-4047"),
             ("Iberdomide", "CC-220"), ("Mezigdomide", "CC-92480")]
    report = report_of(
        q("q-1", ["x y", "y z", "z w"], "a",
          stem="Which company first made thalidomide in the year 1953?"),
        q("q-2", ["x y", "y z", "z w"], "a",
          stem="Which company first made thalidomide in the year 1953 ?"),
        matching("q-3", codes, "Match each drug with its development code."),
        matching("q-4", [(b, a) for a, b in codes], "Match each code to the compound."),
        matching("q-5", codes, "Pair the CELMoDs and IMiDs with the names used in trials.",
                 excludes=["q-3"]),
    )
    assert [(f.first, f.second, f.kind) for f in report.duplicate_stems] == [
        ("q-1", "q-2", "identical stem")]
    shared = {(f.first, f.second): f for f in report.shared_content}
    assert shared[("q-3", "q-4")].kind == "shared matching pairs"
    assert shared[("q-3", "q-4")].declared is False
    assert shared[("q-3", "q-5")].declared is True
    failing = [c.name for c in chance_checks(report, per_topic=False) if not c.passed]
    assert "no undeclared items sharing content or objective" in failing


def test_a_stem_that_states_another_key_is_a_giveaway_unless_declared():
    asked = q("q-asked", ["Lenalidomide versus placebo as maintenance after transplant",
                          "Tandem versus single transplant", "Induction with thalidomide"], "a",
              stem="What did the CALGB 100104 trial test?")
    telling = q("q-telling", ["8% versus 3%", "No difference", "30% versus 3%"], "a",
                stem="In the CALGB 100104 trial, how often did second cancers occur with "
                     "lenalidomide maintenance after transplant compared with placebo?")
    unrelated = q("q-other", ["One", "Two", "Three"], "a",
                  stem="Which enzyme metabolises pomalidomide?")
    report = report_of(asked, telling, unrelated)
    assert [(f.first, f.second) for f in report.giveaways] == [("q-telling", "q-asked")]
    assert report.giveaways[0].declared is False
    telling.data["excludes"] = ["q-asked"]
    declared = report_of(asked, telling, unrelated)
    assert declared.giveaways[0].declared is True
    assert all(c.passed for c in chance_checks(declared, per_topic=False)
               if c.name == "no undeclared stem that states another question's key")


def test_a_stem_that_states_a_true_false_claim_is_a_giveaway():
    claim = Record("question", {
        "id": "q-claim", "type": "true_false", "topic": "next-generation",
        "difficulty": "recall", "objective": "o",
        "stem": "True or false: in the phase 2 part of CC-92480-MM-001, all patients had "
                "triple-class-refractory myeloma.", "answer": True}, "q.toml", 1)
    telling = q("q-telling", ["About 40%", "About 10%", "About 90%"], "a",
                stem="In the phase 2 part of CC-92480-MM-001 (101 triple-class-refractory "
                     "patients), roughly what was the response rate?")
    report = report_of(claim, telling)
    assert [(f.first, f.second) for f in report.giveaways] == [("q-telling", "q-claim")]


def test_short_option_beside_a_long_key():
    long_key = "A key that runs to at least twelve words so that a lone word stands out"
    report = report_of(q("q-1", [long_key, "MM-003", "Two words"], "a"),
                       q("q-2", [long_key, "Three short words", "Two words"], "a"))
    assert report.short_options == ["q-1"]


def test_topic_figures_count_declared_vignettes_and_reasoning_items():
    long_stem = ("A 58-year-old man in very good partial response 100 days after autologous "
                 "transplant asks what maintenance offers; which trade-off did the trials show?")
    report = report_of(
        q("q-1", ["x y", "y z", "z w"], "a", topic="clinical", vignette="clinical",
          stem=long_stem, difficulty="reasoning"),
        q("q-2", ["x y", "y z", "z w"], "b", topic="clinical", vignette="trial",
          stem="A short trial stem?"),
        q("q-3", ["x y", "y z", "z w"], "c", topic="clinical"),
        q("q-4", ["x y", "y z", "z w"], "a", topic="safety", difficulty="reasoning"),
    )
    clinical = report.topics["clinical"]
    assert (clinical.questions, clinical.vignettes, clinical.reasoning) == (3, 2, 1)
    assert clinical.by_vignette == {"clinical": 1, "trial": 1}
    assert report.short_vignettes == ["q-2"]
    checks = {c.name: c.passed for c in chance_checks(report)}
    assert checks["clinical: at least a quarter vignettes"] is True
    assert checks["clinical: at least a third reasoning items"] is True
    assert checks["safety: at least a quarter vignettes"] is False
    only_safety = report_of(q("q-4", ["x y", "y z", "z w"], "a", topic="safety"),
                            q("q-1", ["x y", "y z", "z w"], "a", topic="clinical"),
                            topics=["safety"])
    assert only_safety.questions == 1 and set(only_safety.topics) == {"safety"}


def test_chi_square_tail_matches_tabulated_critical_values():
    for df, critical in ((1, 3.841), (2, 5.991), (3, 7.815), (4, 9.488), (5, 11.070)):
        assert chi2_sf(critical, df) == pytest.approx(0.05, abs=5e-4)
    assert chi2_sf(0.0, 3) == 1.0


def test_report_reads_a_content_folder_and_prints_text_and_json():
    items = items_from_records(load_content(FIXTURE).records)
    assert {i.id for i in items} == {"q-mechanism-001", "q-mechanism-002", "q-mechanism-003",
                                     "q-history-001", "q-mechanism-004"}
    report = quality_report(items)
    text = format_report(report)
    assert text.startswith("Item quality of 5 authored questions")
    assert "key is the longest option" in text and "Rules:" in text
    data = json.loads(json.dumps(report.as_dict()))
    assert data["questions"] == 5
    assert set(data["topics"]) == {"history", "mechanism"}
    assert data["ordering_in_order"]["questions"] == 1


def test_module_command_prints_json_with_the_rules(capsys):
    from db.item_quality import main

    assert main([str(FIXTURE), "--json", "--topic", "mechanism"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["questions"] == 4
    assert set(data["topics"]) == {"mechanism"}
    names = [c["name"] for c in data["checks"]]
    assert "mechanism: at least a quarter vignettes" in names
    assert all(isinstance(c["passed"], bool) for c in data["checks"])
