"""Every keyboard shortcut of IMiD Atlas, in one table (Qt-free).

The menus take their keys from here (`desktop.widgets.keys.bind_action`), Help > Keyboard
shortcuts and Help > Guide list this table, and views write their footers and tooltips with
`keys_text` / `with_keys`, so what the app says and what it does cannot drift apart.
tests/desktop/test_shortcuts.py checks the menus, the dialog and the advertised texts against it;
tests/journeys/test_shell_advertised_keys.py presses every key in its view and checks that
something a person can see happens.

How to add a key:
1. Add a `Shortcut` row to `SHORTCUTS`: a dotted id ("timeline.zoom_in"), the `area` a person
   reads in the help dialog ("Timeline"), the `keys` as a person reads them in Qt's portable
   text ("Ctrl+B", "PgDown", "Left"; "1-9" or "A-E" for a run of keys), what it `does`
   (lower case, no full stop), the `view` it works in (a main-window view key, "glossary",
   "presenter", or "" for anywhere), and `menu` if a menu item carries it ("View").
2. Bind it: a menu action with `bind_action(action, "id")`, a view-wide key with
   `view_shortcut(widget, "id", slot)` (both in desktop.widgets.keys), or handle the key in a
   keyPressEvent that reads `key_sequences("id")`.
3. Advertise it where the view shows its keys: `keys_text("id")` ("Ctrl+B"), or
   `with_keys("Bookmark this question", "id")` for a tooltip.
4. If the key only works in a state a person must first reach (a question on screen, story
   mode), name that state in `needs`; the journey test reaches each state the way a person
   does (add the state there when you add a new one).
"""

from __future__ import annotations

from dataclasses import dataclass

ANYWHERE = ""


@dataclass(frozen=True)
class Shortcut:
    """One key (or several keys doing the same thing) and what it does where."""

    id: str
    area: str
    keys: tuple[str, ...]
    does: str
    view: str = ANYWHERE
    menu: str = ""
    #: A state the view must be in for the key to work ("" = as soon as the view is shown).
    needs: str = ""

    @property
    def text(self) -> str:
        """The keys as a person reads them: "Ctrl+K or Ctrl+F"."""
        return " or ".join(self.keys)


def _views() -> tuple[Shortcut, ...]:
    names = (("home", "Home"), ("library", "Library"), ("timeline", "Timeline"),
             ("quiz", "Quiz"), ("mechanism", "Mechanism"))
    return tuple(Shortcut(f"view.{key}", "View", (f"Ctrl+{n}",), f"show {title}", menu="View")
                 for n, (key, title) in enumerate(names, start=1))


SHORTCUTS: tuple[Shortcut, ...] = (
    # -- menus: work anywhere in the main window ------------------------------------------------
    Shortcut("file.import_documents", "File", ("Ctrl+Shift+O",),
             "import documents (PDF, HTML, Markdown, text) into the library", menu="File"),
    Shortcut("file.import_questions", "File", ("Ctrl+Shift+I",),
             "import a question file (GIFT, CSV) as a question set", menu="File"),
    Shortcut("file.preferences", "File", ("Ctrl+,",),
             "preferences: theme, text size, quiz defaults, data folder", menu="File"),
    Shortcut("file.quit", "File", ("Ctrl+Q",), "quit", menu="File"),
    *_views(),
    Shortcut("view.glossary", "View", ("F2",),
             "show the glossary panel, cursor in its find box (F2 again hides it)", menu="View"),
    Shortcut("view.larger_text", "View", ("Ctrl+=", "Ctrl++"), "larger text", menu="View"),
    Shortcut("view.smaller_text", "View", ("Ctrl+-",), "smaller text", menu="View"),
    Shortcut("view.normal_text", "View", ("Ctrl+0",), "normal text size", menu="View"),
    Shortcut("view.present", "View", ("F5",), "present to a class (choose slides and screen)",
             menu="View"),
    Shortcut("view.full_screen", "View", ("F11",), "full screen on and off", menu="View"),
    Shortcut("go.back", "Go", ("Alt+Left",), "back to the previous place", menu="Go"),
    Shortcut("go.forward", "Go", ("Alt+Right",), "forward again", menu="Go"),
    Shortcut("go.search", "Go", ("Ctrl+K", "Ctrl+F"),
             "search everything: notes, references, events, terms, questions", menu="Go"),
    Shortcut("go.find_term", "Go", ("Ctrl+Shift+G",), "look up a term in the glossary",
             menu="Go"),
    Shortcut("go.library_filter", "Go", ("Ctrl+L",),
             "filter the library (shows the library, cursor in its filter)", menu="Go"),
    Shortcut("help.guide", "Help", ("F1",), "the guide: what each view is for, and its keys",
             menu="Help"),
    Shortcut("help.shortcuts", "Help", ("Ctrl+/",), "this list of keyboard shortcuts",
             menu="Help"),
    # -- the toolbar search --------------------------------------------------------------------
    Shortcut("search.move", "Search results", ("Down", "Up"), "choose a result",
             needs="search results"),
    Shortcut("search.open", "Search results", ("Enter",), "open the chosen result",
             needs="search results"),
    Shortcut("search.close", "Search results", ("Esc",), "close the results",
             needs="search results"),
    # -- library ------------------------------------------------------------------------------
    Shortcut("library.into_table", "Library", ("Down",), "from the filter into the table",
             view="library", needs="library filter"),
    Shortcut("library.copy_citation", "Library", ("Ctrl+Shift+C",),
             "copy the citation of the record shown (AMA style)", view="library"),
    Shortcut("library.remove_import", "Library", ("Delete",),
             "remove the selected imported document", view="library", needs="import selected"),
    # -- timeline -----------------------------------------------------------------------------
    Shortcut("timeline.step", "Timeline", ("Left", "Right"), "previous or next event",
             view="timeline"),
    Shortcut("timeline.ends", "Timeline", ("Home", "End"), "first or last event",
             view="timeline"),
    Shortcut("timeline.zoom_in", "Timeline", ("+",), "zoom in", view="timeline"),
    Shortcut("timeline.zoom_out", "Timeline", ("-",), "zoom out", view="timeline"),
    Shortcut("timeline.fit", "Timeline", ("0",), "show the whole timeline", view="timeline"),
    Shortcut("timeline.details", "Timeline", ("Enter",), "details of the chosen event",
             view="timeline", needs="event chosen"),
    Shortcut("timeline.close_details", "Timeline", ("Esc",), "close the event details",
             view="timeline", needs="event details"),
    Shortcut("story.next", "Timeline story", ("Right", "Down", "PgDown", "Space"), "next event",
             view="timeline", needs="story mode"),
    Shortcut("story.previous", "Timeline story", ("Left", "Up", "PgUp", "Shift+Space"),
             "previous event", view="timeline", needs="story mode"),
    Shortcut("story.ends", "Timeline story", ("Home", "End"), "first or last event",
             view="timeline", needs="story mode"),
    Shortcut("story.leave", "Timeline story", ("Esc",), "back to the timeline",
             view="timeline", needs="story mode"),
    # -- mechanism ----------------------------------------------------------------------------
    Shortcut("mechanism.next", "Mechanism", ("Right", "PgDown", "Space"), "next step",
             view="mechanism"),
    Shortcut("mechanism.previous", "Mechanism", ("Left", "PgUp"), "previous step",
             view="mechanism", needs="mechanism step"),
    Shortcut("mechanism.zoom", "Mechanism", ("+", "-", "0"), "zoom in, out, fit the diagram",
             view="mechanism"),
    Shortcut("mechanism.open_part", "Mechanism", ("Tab", "Enter"),
             "move between the parts; open a part's glossary entry", view="mechanism",
             needs="part focused"),
    Shortcut("comparison.move", "Drug comparison", ("Ctrl+Left", "Ctrl+Right"),
             "move the selected drug left or right (Ctrl+Up, Ctrl+Down when stacked)",
             view="mechanism", needs="comparison"),
    Shortcut("comparison.copy", "Drug comparison", ("Ctrl+C",), "copy the selection (or table)",
             view="mechanism", needs="comparison"),
    # -- glossary panel -----------------------------------------------------------------------
    Shortcut("glossary.into_list", "Glossary", ("Down",), "from the find box into the list",
             view="glossary"),
    Shortcut("glossary.back", "Glossary", ("Backspace",), "back to the previous term",
             view="glossary", needs="glossary history"),
    Shortcut("glossary.forward", "Glossary", ("Shift+Backspace",), "forward to the next term",
             view="glossary", needs="glossary history back"),
    # -- quiz question ------------------------------------------------------------------------
    Shortcut("quiz.choose", "Quiz", ("1-9", "A-I"),
             "choose an option (tick one in multi-select); option letters always win",
             view="quiz", needs="question"),
    Shortcut("quiz.toggle", "Quiz", ("Space",), "tick or untick the focused option",
             view="quiz", needs="multiple-select question"),
    Shortcut("quiz.order_letters", "Quiz", ("A-I",),
             "ordering: type the items' letters first to last to put them in order",
             view="quiz", needs="ordering question"),
    Shortcut("quiz.order_move", "Quiz", ("Ctrl+Up", "Ctrl+Down"),
             "move the selected item up or down (ordering)", view="quiz",
             needs="ordering question"),
    Shortcut("quiz.grade", "Quiz review", ("1-4",),
             "after a spaced-review answer: grade it Again, Hard, Good or Easy",
             view="quiz", needs="review answer"),
    Shortcut("quiz.submit", "Quiz", ("Enter",),
             "submit; after the feedback, go on; on a focused button, that button",
             view="quiz", needs="question"),
    Shortcut("quiz.bookmark", "Quiz", ("Ctrl+B",), "bookmark the question", view="quiz",
             needs="question"),
    Shortcut("quiz.flag", "Quiz", ("R",),
             "report an error in the question (kept on this computer; File > Export shares "
             "the reports)", view="quiz", needs="question"),
    Shortcut("quiz.mark", "Quiz", ("M",), "mark for review", view="quiz", needs="question"),
    Shortcut("quiz.pause", "Quiz", ("P",), "pause or resume", view="quiz", needs="question"),
    Shortcut("quiz.exam_move", "Quiz exam", ("PgUp", "PgDown"), "previous or next question",
             view="quiz", needs="exam"),
    Shortcut("quiz.exam_finish", "Quiz exam", ("Ctrl+Enter",), "finish the exam",
             view="quiz", needs="exam"),
    # -- presenter ----------------------------------------------------------------------------
    Shortcut("presenter.next", "Presenter", ("Right", "Down", "PgDown", "Space"), "next slide",
             view="presenter"),
    Shortcut("presenter.previous", "Presenter", ("Left", "Up", "PgUp"), "previous slide",
             view="presenter"),
    Shortcut("presenter.ends", "Presenter", ("Home", "End"), "first or last slide",
             view="presenter"),
    Shortcut("presenter.blank", "Presenter", (".", "B"), "blank the screen", view="presenter"),
    Shortcut("presenter.reveal", "Presenter", ("R",), "reveal the answer", view="presenter"),
    Shortcut("presenter.votes", "Presenter", ("A-E",),
             "record a vote (type a number first for a count)", view="presenter",
             needs="question slide"),
    Shortcut("presenter.timer", "Presenter", ("T",), "countdown on and off", view="presenter"),
    Shortcut("presenter.save_votes", "Presenter", ("S",), "save the votes as CSV",
             view="presenter"),
    Shortcut("presenter.text_size", "Presenter", ("Ctrl+=", "Ctrl+-", "Ctrl+0"),
             "larger, smaller, normal text", view="presenter"),
    Shortcut("presenter.theme", "Presenter", ("Ctrl+T",), "next theme", view="presenter"),
    Shortcut("presenter.drug", "Presenter", ("D",),
             "highlight the next drug on the diagram (then none)", view="presenter",
             needs="mechanism slide"),
    Shortcut("presenter.notes", "Presenter", ("N",),
             "speaker notes over the slide (one screen, for rehearsing)", view="presenter"),
    Shortcut("presenter.leave", "Presenter", ("Esc",), "stop presenting", view="presenter"),
    # -- lessons dialog -----------------------------------------------------------------------
    Shortcut("lessons.move", "Lessons", ("Ctrl+Up", "Ctrl+Down"), "move the selected slide",
             view="lessons"),
    Shortcut("lessons.remove", "Lessons", ("Delete",), "remove the selected slide",
             view="lessons"),
    Shortcut("lessons.find", "Lessons", ("Ctrl+F",), "search the slides to add",
             view="lessons"),
    Shortcut("lessons.to_matches", "Lessons", ("Down",), "from the search to the matches",
             view="lessons", needs="search"),
    Shortcut("lessons.add", "Lessons", ("Return",), "add the chosen match to the lesson",
             view="lessons", needs="matches"),
)

_BY_ID = {s.id: s for s in SHORTCUTS}
if len(_BY_ID) != len(SHORTCUTS):  # pragma: no cover - a programming error, caught at import
    raise ValueError("two shortcuts share an id")


def shortcut(shortcut_id: str) -> Shortcut:
    """The table row `shortcut_id` (KeyError names the id when it is not in the table)."""
    try:
        return _BY_ID[shortcut_id]
    except KeyError:
        raise KeyError(f"no shortcut {shortcut_id!r} in desktop/core/shortcuts.py") from None


def keys_text(shortcut_id: str) -> str:
    """The keys of `shortcut_id` as a person reads them ("Ctrl+K or Ctrl+F")."""
    return shortcut(shortcut_id).text


def with_keys(text: str, shortcut_id: str) -> str:
    """A tooltip or label that names its keys: "Bookmark this question (Ctrl+B)"."""
    return f"{text} ({keys_text(shortcut_id)})"


def _expand(key: str) -> list[str]:
    """ "1-9" -> "1".."9", "A-E" -> "A".."E"; any other key as it is ("-" and "Ctrl+-" too)."""
    first, dash, last = key.partition("-")
    if dash and len(first) == 1 and len(last) == 1 and first.isalnum() and last.isalnum() \
            and first < last:
        return [chr(c) for c in range(ord(first), ord(last) + 1)]
    return [key]


def key_sequences(shortcut_id: str) -> list[str]:
    """Every key sequence (Qt portable text) that triggers `shortcut_id`, ranges expanded."""
    return [k for key in shortcut(shortcut_id).keys for k in _expand(key)]


def for_view(view: str) -> list[Shortcut]:
    """The rows that work in `view` (a view key, "glossary", "presenter"...)."""
    return [s for s in SHORTCUTS if s.view == view]


def for_menu(menu: str) -> list[Shortcut]:
    """The rows a menu's items carry."""
    return [s for s in SHORTCUTS if s.menu == menu]


def areas() -> dict[str, list[Shortcut]]:
    """The table grouped by area, in table order (the help dialog's sections)."""
    grouped: dict[str, list[Shortcut]] = {}
    for row in SHORTCUTS:
        grouped.setdefault(row.area, []).append(row)
    return grouped


def footer(view: str, needs: str | None = None) -> str:
    """A one-line key summary for a view: "Keys: Ctrl+Shift+C copy the citation · ..."."""
    rows = [s for s in for_view(view) if needs is None or s.needs in ("", needs)]
    return "Keys: " + " · ".join(f"{s.text} {s.does}" for s in rows)
