"""The bundled question bank is held to the item-quality rules of issue 17, measured by
`db.item_quality` against chance for the same questions (see docs/question-bank-quality.md).

The thresholds are written out here: a cue may appear no more often than chance would put it
there, position spreads must be consistent with chance (chi-square p >= 0.05), pairs that
overlap must be declared in `excludes`, and each topic needs a quarter vignettes and a third
reasoning items.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from db.content_loader import load_content
from db.item_quality import items_from_records, quality_report

BUNDLED = Path(__file__).resolve().parents[2] / "resources" / "content"
#: Topics whose every question has been reviewed against the rules (issue 17).
REVIEWED_TOPICS = ("history", "clinical", "safety", "mechanism", "resistance",
                   "next-generation")


@pytest.fixture(scope="module")
def items():
    return items_from_records(load_content(BUNDLED).records)


@pytest.fixture(scope="module", params=REVIEWED_TOPICS)
def topic_report(request, items):
    return request.param, quality_report(items, [request.param])


def test_key_is_the_longest_option_no_more_often_than_chance(topic_report):
    topic, r = topic_report
    assert r.single_key_longest.observed <= r.single_key_longest.expected, topic
    assert r.multi_key_longest.observed <= r.multi_key_longest.expected, topic
    assert r.key_length_ratio <= 1.0, (topic, r.key_length_ratio)


def test_absolute_words_and_hedges_do_not_cue_the_key(topic_report):
    topic, r = topic_report
    assert r.absolute_keys.observed >= r.absolute_keys.expected, (topic, r.absolute_rates)
    assert r.hedge_keys.observed <= r.hedge_keys.expected, (topic, r.hedge_rates)


def test_keys_are_spread_over_positions(topic_report):
    topic, r = topic_report
    assert r.single_positions.p >= 0.05, (topic, r.single_positions)
    assert r.multi_positions.p >= 0.05, (topic, r.multi_positions)
    assert r.multi_keys_first.observed <= r.multi_keys_first.expected, r.multi_keys_first_ids
    assert r.ordering_in_order.observed <= r.ordering_in_order.expected, r.ordering_in_order_ids


def test_no_undeclared_duplicates_or_giveaways(topic_report):
    topic, r = topic_report
    for findings in (r.duplicate_stems, r.shared_content, r.giveaways):
        assert [(f.first, f.second, f.detail) for f in r.undeclared(findings)] == [], topic


def test_options_and_vignettes_are_well_formed(topic_report):
    topic, r = topic_report
    assert r.short_options == [], topic
    assert r.short_vignettes == [], topic


def test_a_quarter_vignettes_and_a_third_reasoning(topic_report):
    topic, r = topic_report
    figures = r.topics[topic]
    assert figures.vignettes * 4 >= figures.questions, (topic, figures)
    assert figures.reasoning * 3 >= figures.questions, (topic, figures)


def test_the_whole_bank_meets_every_rule(items):
    """Every topic has been reviewed, so the pooled bank is held to the same rules, which also
    catches give-aways and duplicates between topics."""
    from db.content_format import TOPICS
    from db.item_quality import chance_checks

    assert set(REVIEWED_TOPICS) == set(TOPICS)
    report = quality_report(items)
    assert report.questions >= 380
    failed = [(c.name, c.detail) for c in chance_checks(report) if not c.passed]
    assert failed == []
