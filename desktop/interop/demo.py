"""Screenshot steps for docs/make_screenshots.py: `interop:ACTION`.

Actions: `menu` (open the File menu), `pack` (open the sample content pack), `bad-pack` (the
report shown for a broken pack), `bad-gift` (the report for a broken question file), `sets`
(import a small set and show the question sets dialog). Dialogs are shown without blocking.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE_PACK = ROOT / "tests" / "fixtures" / "sample_pack"

BROKEN_GIFT = """\
// Week 3 quiz, written by hand.
::w3-1:: Which protein do the IMiDs bind? {=Cereblon ~DDB1 ~CUL4A}

::w3-2:: Lenalidomide degrades which transcription factors? {
  ~IRF4
  ~MYC
}

::w3-3:: Thalidomide was approved for ENL in {=1998 ~1961 ~2006

::w3-4:: Name the drug. {=lenalidomide}
"""


def _keep(window, widget) -> None:
    window.__dict__.setdefault("_demo_widgets", []).append(widget)


def run_step(window, action: str) -> None:
    actions = window.install_file_actions()
    if action == "menu":
        window.file_menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
    elif action == "pack":
        actions.open_pack(SAMPLE_PACK)
    elif action == "bad-pack":
        from desktop.core.packs import check_pack
        from desktop.interop.dialogs import ReportDialog

        folder = Path(tempfile.mkdtemp(prefix="atlas-pack-")) / "my-pack"
        shutil.copytree(SAMPLE_PACK, folder)
        events = folder / "timeline" / "events.toml"
        events.write_text(events.read_text().replace('lane = "clinical"', 'lane = "trials"', 1)
                          .replace('date = "2012-10"', 'date = "2012-13"'))
        terms = folder / "glossary" / "terms.toml"
        terms.write_text(terms.read_text().replace('id = "ixazomib"', 'id = "cereblon"'))
        check = check_pack(folder, window.ctx.atlas.paths, window.ctx.atlas.packs)
        dialog = ReportDialog("content pack refused", f"The content pack {check.title!r} was "
                              f"not opened: {check.count} problem(s).", check.report(), window)
        dialog.show()
        _keep(window, dialog)
    elif action == "bad-gift":
        from desktop.core.interop.question_import import read_question_file
        from desktop.interop.dialogs import ReportDialog

        path = Path(tempfile.mkdtemp(prefix="atlas-gift-")) / "week-3.gift"
        path.write_text(BROKEN_GIFT, encoding="utf-8")
        parsed = read_question_file(path)
        dialog = ReportDialog("questions not imported", f"{path.name} was not imported: "
                              f"{len(parsed.problems)} problem(s). Nothing was saved.",
                              parsed.report(), window, "Fix these lines in the file and import "
                              "it again. The formats are described in docs/question-files.md.")
        dialog.show()
        _keep(window, dialog)
    elif action == "sets":
        from desktop.core.interop import gift
        from desktop.core.interop.question_import import import_parsed, read_question_file
        from desktop.interop.dialogs import QuestionSetsDialog

        path = Path(tempfile.mkdtemp(prefix="atlas-gift-")) / "history-revision.gift"
        history = [q for q in window.ctx.content.questions() if q.topic == "history"][:12]
        path.write_text(gift.dumps(history)[0], encoding="utf-8")
        import_parsed(window.ctx.user, [read_question_file(path)], "History revision")
        dialog = QuestionSetsDialog(window.ctx.user, window)
        dialog.show()
        _keep(window, dialog)
    else:
        raise ValueError(f"unknown interop step {action!r}")
