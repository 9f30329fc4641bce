"""The statistics page: items sortable by every column, "Hardest for me", weak areas with their
reading list, and the study plan, over a real user database."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core.quiz.runner import QuizRunner
from desktop.core.quiz.session import QuizSession
from desktop.quiz.insights_page import ITEM_COLUMNS, InsightsPage
from tests.core.quiz.factories import right_response, wrong_response


def play(atlas, questions, right_ids, mode="review"):
    runner = QuizRunner.start(QuizSession(questions, mode, seed=2), atlas.user)
    for item in runner.session.items:
        ok = item.question.id in right_ids
        if item.question.blanks:  # cloze and typed items: typed text per gap
            runner.answer([b.answers[0] if ok else "no idea" for b in item.question.blanks])
        else:
            runner.answer(right_response(item) if ok else wrong_response(item))
        runner.next()


def column(page, name: str) -> list[str]:
    index = ITEM_COLUMNS.index(name)
    proxy = page.items_proxy
    return [proxy.index(r, index).data() for r in range(proxy.rowCount())]


def test_items_sort_by_their_figures_and_hardest_keeps_the_misses(qtbot, app_ctx, atlas):
    bank = sorted(atlas.content.questions(), key=lambda q: q.id)[:3]
    a, b, c = (q.id for q in bank)
    play(atlas, bank, {b, c})
    play(atlas, bank, {c})
    page = InsightsPage(app_ctx)
    qtbot.addWidget(page)
    page.refresh()
    page.show()
    assert page.items_proxy.rowCount() == 3
    header = page.items_table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=_section_center(header, "% correct"))
    first = column(page, "% correct")
    assert first in (["0%", "50%", "100%"], ["100%", "50%", "0%"])
    page.items_table.sortByColumn(ITEM_COLUMNS.index("FSRS difficulty"),
                                  Qt.SortOrder.DescendingOrder)
    difficulties = [float(d) for d in column(page, "FSRS difficulty")]
    assert difficulties == sorted(difficulties, reverse=True)
    page.hardest_box.setChecked(True)
    assert page.items_proxy.rowCount() == 2  # c was never missed
    assert column(page, "% correct") == ["0%", "50%"]


def _section_center(header, name):
    from PySide6.QtCore import QPoint

    index = ITEM_COLUMNS.index(name)
    x = header.sectionViewportPosition(index) + header.sectionSize(index) // 2
    return QPoint(x, header.height() // 2)


def test_weak_area_reading_list_and_plan(qtbot, app_ctx, atlas):
    mechanism = [q for q in atlas.content.questions() if q.topic == "mechanism"]
    for _ in range(2):
        play(atlas, mechanism, set(), mode="tutor")
    page = InsightsPage(app_ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert page.areas_list.item(0).text().startswith("⚠ Topic: Mechanism")
    reading = [page.reading_list.item(r).text() for r in range(page.reading_list.count())]
    assert any(t.startswith("Term: Cereblon") for t in reading), reading
    requests = []
    page.practise_requested.connect(lambda ids, title: requests.append((ids, title)))
    page.practise_button.click()
    assert requests and set(requests[0][0]) == {q.id for q in mechanism}
    assert page.plan_table.rowCount() == 7
    assert page.plan_table.item(0, 0).text() == "Today"
    assert int(page.plan_table.item(0, 1).text()) == len(mechanism)  # the misses are due
    assert "about" in page.plan_summary.text()


def test_the_item_column_stays_readable_in_a_narrow_window(qtbot, app_ctx, atlas):
    from desktop.core.quiz.recall_text import plain_stem

    recall = [q for q in atlas.content.recall_items() if q.type == "cloze"][:2]
    play(atlas, recall + sorted(atlas.content.questions(), key=lambda q: q.id)[:2], set())
    page = InsightsPage(app_ctx)
    qtbot.addWidget(page)
    page.resize(760, 500)  # the page's share of a 1024x768 window, text at 100%
    page.refresh()
    page.show()
    qtbot.waitExposed(page)
    table = page.items_table
    header = table.horizontalHeader()
    least = table.fontMetrics().averageCharWidth() * 28
    qtbot.waitUntil(lambda: header.sectionSize(0) >= least)
    shown = table.fontMetrics().elidedText(
        page.items_proxy.index(0, 0).data(), Qt.TextElideMode.ElideRight, header.sectionSize(0))
    assert len(shown.rstrip("…")) >= 20  # a good part of the item's text, not "I…"
    wide = 1900
    page.resize(wide, 700)
    qtbot.waitUntil(lambda: header.sectionSize(0) > least)
    used = sum(header.sectionSize(c) for c in range(len(ITEM_COLUMNS)))
    assert abs(used - table.viewport().width()) <= 2  # no gap at the right edge when wide
    titles = {plain_stem(q)[:20] for q in recall}
    assert any(page.items_proxy.index(r, 0).data()[:20] in titles
               for r in range(page.items_proxy.rowCount()))


def test_the_page_fits_a_small_window_at_double_text_size(qtbot, app_ctx, atlas):
    play(atlas, sorted(atlas.content.questions(), key=lambda q: q.id)[:2], set())
    app_ctx.theme.set_font_scale(2.0)
    try:
        page = InsightsPage(app_ctx)
        qtbot.addWidget(page)
        page.refresh()
        for tab in range(page.tabs.count()):
            page.tabs.setCurrentIndex(tab)
            # the page's share of a 1024x768 window beside the navigation list
            assert page.minimumSizeHint().width() <= 760, page.tabs.tabText(tab)
    finally:
        app_ctx.theme.set_font_scale(1.0)
