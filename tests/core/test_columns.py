"""Sharing a table's width among its columns (no display)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.columns import ColumnNeed, fit_widths


def library(title_least=140):
    return [ColumnNeed(0, title_least, stretch=True), ColumnNeed(120, 85),
            ColumnNeed(45, 40), ColumnNeed(150, 110), ColumnNeed(90, 40)]


def test_the_title_takes_what_the_fitted_columns_leave():
    widths = fit_widths(900, library())
    assert widths[1:] == [120, 45, 150, 90]
    assert widths[0] == 900 - 405 and sum(widths) == 900


def test_a_narrow_table_shrinks_the_others_before_the_title():
    widths = fit_widths(480, library())  # the glossary panel is open
    assert 140 <= widths[0] <= 141  # the title keeps its least width: no "…" column
    assert sum(widths) == 480
    for width, need in zip(widths[1:], library()[1:], strict=True):
        assert need.least <= width <= need.want


def test_too_narrow_for_every_least_width_scrolls():
    widths = fit_widths(300, library())
    assert widths == [140, 85, 40, 110, 40]  # each at its least; the table scrolls


def test_several_stretching_columns_share_equally_above_their_least():
    drugs = [ColumnNeed(150, 100)] + [ColumnNeed(0, 90, stretch=True)] * 4 + \
        [ColumnNeed(0, 130, stretch=True)]
    widths = fit_widths(850, drugs)
    assert widths[0] == 150 and sum(widths) == 850
    assert widths[5] == 140 and set(widths[1:5]) == {140}
    widths = fit_widths(750, drugs)
    assert widths[5] == 130 and set(widths[1:5]) == {117, 118} and sum(widths) == 750


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=0, max_value=3000),
       st.lists(st.tuples(st.floats(min_value=0, max_value=500),
                          st.floats(min_value=0, max_value=300), st.booleans()),
                min_size=1, max_size=8))
def test_no_column_is_narrower_than_its_least(available, specs):
    needs = [ColumnNeed(want, least, stretch) for want, least, stretch in specs]
    widths = fit_widths(available, needs)
    assert len(widths) == len(needs)
    for width, need in zip(widths, needs, strict=True):
        assert width >= int(need.least)
        if not need.stretch:
            assert width <= max(need.want, need.least) + 1
    least = sum(n.least for n in needs)
    if any(n.stretch for n in needs) and available >= least + len(needs):
        assert abs(sum(widths) - available) <= len(needs)
