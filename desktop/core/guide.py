"""Help > Guide and the first-start tour: what each view is for, for a student and for a
teacher, and its keys (Qt-free).

The keys come from the shortcut table (desktop/core/shortcuts.py), so the guide never names a
key the app does not have. `guide_html` renders the whole guide as the app's own HTML (every
text escaped); the tour shows the sections one at a time, on top of the view they describe.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.render import escape
from desktop.core.shortcuts import SHORTCUTS, Shortcut, shortcut


@dataclass(frozen=True)
class GuideSection:
    """One part of the app: what it is for, how a student and a teacher use it, its keys."""

    key: str
    title: str
    #: The main-window view the section describes ("" when none; "glossary" is the panel).
    view: str
    purpose: str
    student: str
    teacher: str
    #: Shortcut-table areas whose keys the section lists, then single rows by id.
    areas: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()

    def keys(self) -> list[Shortcut]:
        """The section's keys: its single rows first, then every row of its areas."""
        chosen = [shortcut(row_id) for row_id in self.rows]
        chosen += [row for row in SHORTCUTS if row.area in self.areas and row not in chosen]
        return chosen


SECTIONS: tuple[GuideSection, ...] = (
    GuideSection(
        "home", "Home: where to start", "home",
        "Home says what the atlas holds, what is due for review, and where to begin.",
        "Type a topic (a drug, a protein, a trial, a year) in Find a topic and press Enter, "
        "or pick one of the four cards. Every view is one key away: Ctrl+1 to Ctrl+5.",
        "On a projector, Home is a quick map of the course. View > Present (F5) starts a "
        "slide show of the timeline, the mechanism, questions or glossary terms.",
        rows=("view.home", "go.search", "go.back", "go.forward")),
    GuideSection(
        "library", "Library: notes, references, your own papers", "library",
        "Study notes that explain the core papers, every reference the atlas cites, and the "
        "documents you import, all searchable in full text.",
        "Filter the list (Ctrl+L), press Down to reach the table and read a note on the "
        "right. Terms in the text are underlined: click one to read its definition. Copy a "
        "citation with Ctrl+Shift+C.",
        "Import the papers of your course (File > Import documents, or drop PDF, HTML, "
        "Markdown or text files onto the window). Export the references as BibTeX or RIS for "
        "a reading list.",
        areas=("Library",), rows=("go.library_filter", "file.import_documents")),
    GuideSection(
        "timeline", "Timeline: seventy years of history", "timeline",
        "From the 1950s sedative and the birth-defect disaster to cereblon and the CELMoDs, "
        "in lanes (history, regulation, mechanism, clinical trials, drug development) with "
        "eras behind them.",
        "Left and Right step through the events, Enter opens one. Filter by lane, drug or "
        "words; the Known by slider fades what was not yet known in a given year, so you can "
        "reason as people did then.",
        "Story mode shows one large card per event and moves with a presentation clicker "
        "(PageDown, PageUp). Export the current view as PNG or SVG for your slides, or the "
        "events as CSV or TimelineJS.",
        areas=("Timeline", "Timeline story")),
    GuideSection(
        "quiz", "Quiz: test yourself", "quiz",
        "Questions on history, mechanism, clinical use, safety, resistance and the next "
        "generation, with an explanation and sources for every answer.",
        "Tutor mode explains each answer at once; exam mode waits until the end and can run "
        "a countdown. Questions you miss come back for spaced review. The progress page "
        "shows how you do per topic.",
        "Import your own questions from a GIFT or CSV file (File > Import questions). In "
        "presenter mode the class votes by show of hands and you reveal the answer.",
        areas=("Quiz", "Quiz exam"), rows=("file.import_questions",)),
    GuideSection(
        "mechanism", "Mechanism: how the drugs work", "mechanism",
        "A step-by-step diagram of how the drugs bind cereblon and make the CRL4 ligase "
        "destroy neosubstrates such as IKZF1 and IKZF3, and a table comparing the five drugs.",
        "Step through with Right, PageDown or Space; Tab moves between the parts and Enter "
        "opens a part's glossary entry. Hide the labels to practise naming the parts.",
        "The steps move with a clicker, so the diagram works as a live slide. Export it as "
        "PNG or SVG; copy or export the drug table.",
        areas=("Mechanism", "Drug comparison")),
    GuideSection(
        "glossary", "Glossary: every term defined", "glossary",
        "Every term the atlas uses, defined, with its sources and where it is used.",
        "F2 opens the panel with the cursor in its find box: type a few letters (spelling "
        "need not be exact), Down to the list, Enter to read. Used in leads to the notes, "
        "events and questions that need the term.",
        "Keep the panel open beside the timeline or the mechanism while you teach, so a "
        "term the class asks about is one click away.",
        areas=("Glossary",), rows=("view.glossary", "go.find_term")),
    GuideSection(
        "present", "Presenting to a class", "",
        "A full-screen mode for teaching, with large type and a high-contrast theme for "
        "projectors.",
        "Presenter mode is for the front of the room; on your own you will not need it.",
        "View > Present (F5) chooses the slides (timeline events, mechanism steps, questions "
        "or terms), the screen and the theme. View > Lessons puts slides of every kind in "
        "your own order and saves them.",
        areas=("Presenter",), rows=("view.present",)),
    GuideSection(
        "data", "Your data and settings", "",
        "Everything stays on this computer: the atlas never goes online, except to open a "
        "paper's page when you ask it to.",
        "Your answers and imported documents are kept in your data folder (File > "
        "Preferences shows it). Text size: Ctrl+= and Ctrl+-.",
        "The content says how recent it is in the status bar. IMiD Atlas is for education; "
        "it is not medical advice and gives no dosing recommendations.",
        rows=("view.larger_text", "view.smaller_text", "view.normal_text")),
)


def section(key: str) -> GuideSection:
    return next(s for s in SECTIONS if s.key == key)


def keys_html(rows: list[Shortcut]) -> str:
    """A two-column table of keys and what they do."""
    if not rows:
        return ""
    cells = "".join(f"<tr><td><b>{escape(row.text)}</b></td><td>{escape(row.does)}</td></tr>"
                    for row in rows)
    return f'<table class="keys" cellspacing="0" cellpadding="3">{cells}</table>'


def section_html(part: GuideSection, heading_level: int = 2) -> str:
    """One section: purpose, for students, for teachers, keys."""
    h = f"h{heading_level}"
    return (f'<{h} id="{escape(part.key)}"><a name="{escape(part.key)}"></a>'
            f"{escape(part.title)}</{h}>"
            f"<p>{escape(part.purpose)}</p>"
            f"<p><b>Studying:</b> {escape(part.student)}</p>"
            f"<p><b>Teaching:</b> {escape(part.teacher)}</p>"
            + (f"<p><b>Keys</b></p>{keys_html(part.keys())}" if part.keys() else ""))


def guide_html() -> str:
    """The whole guide: a contents list, then every section."""
    contents = "".join(f'<li><a href="#{escape(s.key)}">{escape(s.title)}</a></li>'
                       for s in SECTIONS)
    return ("<h1>Guide to IMiD Atlas</h1>"
            "<p>What each part of the atlas is for, how to use it when you study and when "
            "you teach, and its keys. Help &gt; Keyboard shortcuts lists every key.</p>"
            f"<ul>{contents}</ul>"
            + "".join(section_html(s) for s in SECTIONS))
