"""Screenshot steps for the mechanism view (`docs/make_screenshots.py mech:ACTION`).

Actions: `drug=ID`, `step=N` (1-based; 0 is the overview), `practice=SCOPE` (start a round),
`answer=TEXT` (answer the current hidden label), `tab=diagram|comparison`,
`sort=FIELD`, `focus=NODE`.
"""

from __future__ import annotations


def run_step(window, action: str) -> None:
    view = window.show_view("mechanism")
    name, _, value = action.partition("=")
    if name == "drug":
        view.select_drug(value)
    elif name == "step":
        view.narration.go(int(value) - 1)
        view._show_narration()
    elif name == "practice":
        view.start_practice(value or "neosubstrates")
    elif name == "answer":
        view.answer_edit.setText(value)
        view.submit_typed()
    elif name == "tab":
        view.tabs.setCurrentIndex(1 if value == "comparison" else 0)
    elif name == "sort":
        view.tabs.setCurrentIndex(1)
        view.comparison.sort_by(value)
    elif name == "focus":
        view.canvas.focus_node(value)
    else:
        raise SystemExit(f"unknown mechanism step {action!r}")
