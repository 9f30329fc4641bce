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
