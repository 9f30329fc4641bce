"""Take screenshots of the real app in a real window (run under Xvfb or a desktop session).

    xvfb-run -s "-screen 0 1280x800x24" python docs/make_screenshots.py --out docs/screenshots \
        home library timeline quiz glossary:cereblon search:cereblon theme:dark

Each argument is a step: a view key, `glossary:TERM`, `gfind:TEXT` (glossary search),
`open:KIND:ID`, `search:TEXT`, `quiz:ACTION` (see desktop/quiz/demo.py), `recall:ACTION`
(desktop/quiz/recall_demo.py), `mech:ACTION`
(desktop/mechanism/demo.py), `tl:ACTION` (desktop/timeline/demo.py), `interop:ACTION`
(desktop/interop/demo.py), `theme:NAME`, `font:SCALE`, `size:WxH`, `present:MODE`,
`slides:TERM[,TERM...]` (present those glossary terms' slides, e.g. the drugs' structure
slides; `key:Right` moves on, `endshow` ends the show), or `compare:A,B[,overlay]` (Compare
two structures on structures A and B, overlaid or not).
After each step the whole screen is captured (QScreen.grabWindow of the root window), as a
person would see it.

The layout matrix (every view at 1024x768, 1280x800 and 1920x1080, 100% and 200% text, light,
dark and high contrast; what tests/journeys/test_shell_layout_matrix.py checks) is written by
docs/layout_matrix.py: `python docs/layout_matrix.py --out /tmp/matrix`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--prefix", default="")
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("steps", nargs="+")
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_context, make_application, settings_for
    from desktop.core.paths import AtlasPaths
    from desktop.main_window import MainWindow

    app = make_application()
    data_dir = args.data_dir or tempfile.mkdtemp(prefix="atlas-shots-")
    paths = AtlasPaths.create(data_dir)
    ctx = build_context(paths, [], settings_for(paths), "light")
    window = MainWindow(ctx)
    w, h = (int(v) for v in args.size.split("x"))
    window.resize(w, h)
    window.move(0, 0)
    window.show_view("home")
    window.show()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    def settle(ms: int = 400) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    settle(800)
    for index, step in enumerate(args.steps):
        kind, _, rest = step.partition(":")
        if kind == "theme":
            window.set_theme(rest)
        elif kind == "font":
            ctx.theme.set_font_scale(float(rest))
        elif kind == "size":
            sw, sh = (int(v) for v in rest.split("x"))
            window.resize(sw, sh)
        elif kind == "glossary":
            window.open_item("term", rest)
        elif kind == "gfind":  # type TEXT in the glossary panel's search box
            window.focus_glossary()
            window.glossary.filter.setText(rest)
        elif kind == "open":
            item_kind, _, item_id = rest.partition(":")
            window.open_item(item_kind, item_id)
        elif kind == "search":
            window.focus_search()
            window.search_field.setText(rest)
            window.search_popup.run_search()
        elif kind == "quiz":
            from desktop.quiz.demo import run_step

            run_step(window, rest)
        elif kind == "recall":
            from desktop.quiz.recall_demo import run_step as run_recall_step

            run_recall_step(window, rest)
        elif kind == "tl":
            from desktop.timeline.demo import run_step as run_timeline_step

            run_timeline_step(window, rest)
        elif kind == "mech":
            from desktop.mechanism.demo import run_step as run_mechanism_step

            run_mechanism_step(window, rest)
        elif kind == "interop":
            from desktop.interop.demo import run_step as run_interop_step

            run_interop_step(window, rest)
        elif kind == "present":
            window.start_presenter(rest)
        elif kind == "slides":  # slides:TERM[,TERM...] presents those glossary terms' slides
            from desktop.core.presenter.slides import SlideRef

            window.present("Structures", [SlideRef("term", t) for t in rest.split(",")])
        elif kind == "endshow":  # slides/present: Esc back to the main window
            if getattr(window, "presenter", None) is not None:
                window.presenter.close()
        elif kind == "compare":  # compare:A,B[,overlay] opens "Compare two structures"
            first, _, second = rest.partition(",")
            second, _, mode = second.partition(",")
            dialog = window.open_compare_structures(first, second or "lenalidomide")
            dialog.overlay_box.setChecked(mode == "overlay")
        elif kind == "key":
            from PySide6.QtCore import Qt
            from PySide6.QtTest import QTest

            target = getattr(window, "presenter", None) or QApplication.focusWidget() or window
            for name in rest.split(","):
                QTest.keyClick(target, getattr(Qt.Key, f"Key_{name}"))
        else:
            window.show_view(kind)
        settle()
        name = f"{args.prefix}{index:02d}-{step.replace(':', '-').replace('/', '_')}.png"
        shot = app.primaryScreen().grabWindow(0)
        shot.save(str(out / name))
        print(out / name)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
