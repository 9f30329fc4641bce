"""Screenshots of the presenter for a person to look at: every slide kind (and its revealed,
voted, timed and drug-highlighted states), the presenter view, the Lessons, Handout and Present
dialogs, at the screen sizes given; and the pages of a 4-up and a 6-up handout as images.

    xvfb-run -a -s "-screen 0 1920x1080x24" python docs/presenter_screenshots.py \\
        --out /tmp/shots-presenter --sizes 1024x768 1920x1080

(openbox, when installed, is started as the window manager.) Pages are rendered with
poppler's `pdftoppm`.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LESSON = [
    ("era", "era-cereblon"),
    ("event", "ito-cereblon-2010"),
    ("question", "q-mechanism-001"),
    ("question", "q-mechanism-003"),
    ("question", "q-history-001"),
    ("term", "ikzf1"),
    ("step", "step-glue"),
    ("step", "step-ligase"),
    ("step", "step-ck1a"),
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--sizes", nargs="+", default=["1024x768", "1920x1080"])
    parser.add_argument("--theme", default="high-contrast")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    window_manager = None
    if shutil.which("openbox"):
        window_manager = subprocess.Popen(["openbox"], stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL)
    try:
        return shoot(args)
    finally:
        if window_manager is not None:
            window_manager.terminate()


def shoot(args) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from desktop.app import build_context, settings_for
    from desktop.core.paths import AtlasPaths
    from desktop.core.presenter.session import PresenterSession
    from desktop.core.presenter.slides import SlideRef
    from desktop.presenter.presenter_window import PresenterWindow

    data = Path(tempfile.mkdtemp(prefix="presenter-shots-"))
    paths = AtlasPaths.create(data)
    ctx = build_context(paths, [], settings_for(paths), "light")
    slides = [SlideRef(kind, item) for kind, item in LESSON]

    def key(window, code, text=""):
        window.handle_key(QKeyEvent(QKeyEvent.Type.KeyPress, code,
                                    Qt.KeyboardModifier.NoModifier, text))
        app.processEvents()

    for size in args.sizes:
        width, height = (int(v) for v in size.split("x"))
        session = PresenterSession(list(slides), title="Week 3: cereblon")
        window = PresenterWindow(ctx, session, args.theme)
        window.resize(width, height)
        window.show()
        app.processEvents()

        def grab(name, window=window, size=size):
            app.processEvents()
            window.grab().save(str(args.out / f"{size}-{name}.png"))

        for index, (kind, item) in enumerate(LESSON):
            session.go(index)
            window.refresh()
            grab(f"{index + 1:02d}-{kind}-{item}")
            if kind == "question":
                for letter in "AAB":
                    key(window, getattr(Qt.Key, f"Key_{letter}"), letter.lower())
                key(window, Qt.Key.Key_1, "1")
                key(window, Qt.Key.Key_2, "2")
                key(window, Qt.Key.Key_C, "c")
                grab(f"{index + 1:02d}-{kind}-{item}-votes")
                key(window, Qt.Key.Key_R, "r")
                grab(f"{index + 1:02d}-{kind}-{item}-revealed")
            if kind == "term":
                key(window, Qt.Key.Key_R, "r")
                grab(f"{index + 1:02d}-{kind}-{item}-revealed")
            if kind == "step" and item == "step-glue":
                key(window, Qt.Key.Key_D, "d")
                key(window, Qt.Key.Key_D, "d")
                grab(f"{index + 1:02d}-{kind}-{item}-lenalidomide")
                window.set_drug("")
        session.go(2)
        session.revealed.discard(2)
        window.refresh()
        key(window, Qt.Key.Key_1, "1")
        key(window, Qt.Key.Key_5, "5")
        key(window, Qt.Key.Key_T, "t")
        window._tick()
        grab("countdown")
        window.countdown_left = 1
        window._tick()
        grab("time-up")
        key(window, Qt.Key.Key_T, "t")
        key(window, Qt.Key.Key_N, "n")
        grab("notes-overlay")
        key(window, Qt.Key.Key_N, "n")
        window.close()
        app.processEvents()

    # The presenter view on a laptop screen, beside a 1920x1080 projector.
    session = PresenterSession(list(slides), title="Week 3: cereblon")
    window = PresenterWindow(ctx, session, args.theme)
    window.resize(1920, 1080)
    window.show()
    from desktop.presenter.presenter_console import PresenterConsole

    console = PresenterConsole(window)
    window.console = console
    console.resize(1280, 800)
    console.show()
    for index in (1, 2, 6):
        session.go(index)
        window.refresh()
        app.processEvents()
        console.grab().save(str(args.out / f"console-{index + 1:02d}.png"))
    console.close()
    window.close()

    from desktop.presenter.lesson_dialog import HandoutDialog, LessonDialog
    from desktop.presenter.present_dialog import PresentDialog

    for size in args.sizes:
        width, height = (int(v) for v in size.split("x"))
        dialog = LessonDialog(ctx)
        dialog.resize(min(1240, width - 40), min(760, height - 60))
        dialog.show()
        dialog.use_suggestion_key = None
        dialog.suggestion.setCurrentIndex(dialog.suggestion.findData("era:era-cereblon"))
        dialog.use_suggestion()
        dialog.search.setText("ikaros")
        app.processEvents()
        dialog.grab().save(str(args.out / f"{size}-lessons-dialog.png"))
        dialog.close()
    for dialog_class in (HandoutDialog, PresentDialog):
        dialog = dialog_class(ctx)
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(args.out / f"{dialog_class.__name__}.png"))
        dialog.close()

    from desktop.presenter.handout import HandoutOptions, write_handout

    for per_page, lines, paper in ((4, True, "A4"), (6, False, "Letter"), (2, True, "A4")):
        pdf = args.out / f"handout-{per_page}up-{paper}.pdf"
        write_handout(ctx.content, slides, "Week 3: cereblon", pdf,
                      HandoutOptions(per_page, lines, paper))
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf),
                            str(args.out / f"handout-{per_page}up-{paper}")], check=True)
    ctx.atlas.close()
    print(f"screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
