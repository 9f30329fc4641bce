"""File > Recent's list: newest first, each record once, ten at most, damaged entries dropped."""

from __future__ import annotations

from desktop.core.recent import LIMIT, RecentItem, add, label, parse_all


def test_opening_a_record_puts_it_first_once():
    items = add([], "term", "cereblon")
    items = add(items, "event", "thalidomide-withdrawn-1961")
    items = add(items, "term", "cereblon")
    assert items == [RecentItem("term", "cereblon"),
                     RecentItem("event", "thalidomide-withdrawn-1961")]


def test_the_list_keeps_the_newest_ten():
    items = []
    for n in range(15):
        items = add(items, "document", f"note-{n}")
    assert len(items) == LIMIT
    assert items[0].item_id == "note-14" and items[-1].item_id == "note-5"


def test_questions_and_views_are_not_listed():
    assert add([], "question", "q-history-001") == []
    assert add([], "term", "") == []


def test_the_stored_form_reads_back_and_damage_is_dropped():
    items = add(add([], "term", "ikzf1"), "reference", "ito-2010")
    stored = [item.stored() for item in items]
    assert parse_all(stored) == items
    damaged = ["rubbish", "question\tq-1", "term\t", *stored, stored[0]]
    assert parse_all(damaged) == items


def test_menu_labels_number_the_items_and_keep_ampersands_literal():
    assert label("Cereblon", "term", 1) == "&1 Cereblon (term)"
    assert label("Celgene & the FDA", "event", 10) == "1&0 Celgene && the FDA (event)"
    long = label("A " * 50, "document", 2)
    assert long.endswith("… (note)") and len(long) < 80
