"""Light, dark, high-contrast and follow-the-system themes, and the app-wide font scale.

Colours come from one `ThemeColors` per theme; the Qt palette, the small app stylesheet, the
CSS of rendered documents and the charts all read it, so no view hard-codes a colour that
clashes with dark mode (Mnemosyne #250).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop.settings import MAX_FONT_SCALE, MIN_FONT_SCALE


@dataclass(frozen=True)
class ThemeColors:
    name: str
    dark: bool
    window: str
    base: str
    alt_base: str
    text: str
    muted: str
    accent: str
    accent_text: str
    link: str
    border: str
    mark_bg: str
    mark_text: str
    good: str
    bad: str
    warn: str
    #: Okabe-Ito colours for the five drugs (colour-blind safe), then "other".
    drugs: tuple[str, ...] = ("#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#D55E00", "#999999")
    #: Lane background tints, in lane order.
    lanes: tuple[str, ...] = ()
    era_fill: tuple[str, ...] = ()
    #: Text of disabled controls ("" = the muted colour). High contrast needs its own: its
    #: muted grey is nearly white, so a disabled button looked like an enabled one.
    disabled: str = ""


LIGHT = ThemeColors(
    name="light", dark=False, window="#f4f5f7", base="#ffffff", alt_base="#eef1f5",
    text="#1b1f24", muted="#5a6472", accent="#1f5fbf", accent_text="#ffffff", link="#1a56b0",
    border="#c9ced6", mark_bg="#ffe27a", mark_text="#1b1f24", good="#1b7f3b", bad="#b3261e",
    warn="#8a5a00",
    lanes=("#f7f2ea", "#eef4f8", "#f1f7ef", "#f6eff6", "#f3f3f3"),
    era_fill=("#e9eef6", "#f5ede4"),
)
DARK = ThemeColors(
    name="dark", dark=True, window="#1d2025", base="#15171b", alt_base="#22262c",
    text="#e7e9ec", muted="#a3abb7", accent="#4c8fe6", accent_text="#0b0d10", link="#8dbcff",
    border="#3a404a", mark_bg="#6e5a00", mark_text="#fff8d6", good="#6fd08c", bad="#ff8a80",
    warn="#f0c36a",
    lanes=("#26231f", "#1f242a", "#202621", "#261f27", "#232323"),
    era_fill=("#232a35", "#2f2922"),
    disabled="#7d8590",
)
HIGH_CONTRAST = ThemeColors(
    name="high-contrast", dark=True, window="#000000", base="#000000", alt_base="#101010",
    text="#ffffff", muted="#e0e0e0", accent="#ffd400", accent_text="#000000", link="#ffd400",
    border="#ffffff", mark_bg="#ffd400", mark_text="#000000", good="#5dff7a", bad="#ff6b6b",
    warn="#ffd400",
    drugs=("#FFB000", "#6EC6FF", "#00E0A0", "#FF8CE0", "#FF6B3D", "#C0C0C0"),
    lanes=("#000000", "#0b0b0b", "#000000", "#0b0b0b", "#000000"),
    era_fill=("#14140a", "#0a1414"),
    disabled="#8c8c8c",
)
THEMES = {t.name: t for t in (LIGHT, DARK, HIGH_CONTRAST)}


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    try:
        return hints.colorScheme() == Qt.ColorScheme.Dark
    except AttributeError:  # Qt < 6.5
        return QGuiApplication.palette().window().color().lightness() < 128


def resolve(theme: str) -> ThemeColors:
    """The colours for a theme name; `system` follows the platform's light/dark setting."""
    if theme == "system":
        return DARK if system_is_dark() else LIGHT
    return THEMES.get(theme, LIGHT)


def palette_for(c: ThemeColors) -> QPalette:
    pal = QPalette()
    role = QPalette.ColorRole
    for r, value in (
        (role.Window, c.window), (role.WindowText, c.text), (role.Base, c.base),
        (role.AlternateBase, c.alt_base), (role.Text, c.text), (role.Button, c.alt_base),
        (role.ButtonText, c.text), (role.ToolTipBase, c.base), (role.ToolTipText, c.text),
        (role.Highlight, c.accent), (role.HighlightedText, c.accent_text), (role.Link, c.link),
        (role.LinkVisited, c.link), (role.PlaceholderText, c.muted), (role.BrightText, c.bad),
        (role.Mid, c.border), (role.Dark, c.border), (role.Light, c.base),
    ):
        pal.setColor(r, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.Text, role.WindowText, role.ButtonText):
        pal.setColor(disabled, r, QColor(c.disabled or c.muted))
    return pal


def app_stylesheet(c: ThemeColors) -> str:
    width = 2 if c.name == "high-contrast" else 1
    # The keyboard focus is a frame in the accent colour, thicker on a projector.
    focus = 3 if c.name == "high-contrast" else 2
    return f"""
QToolTip {{ color: {c.text}; background: {c.base}; border: {width}px solid {c.border}; }}
QListWidget#navigation {{ background: {c.alt_base}; border: none;
    border-right: {width}px solid {c.border}; }}
QListWidget#navigation::item {{ padding-left: 0.8em; border-radius: 4px; }}
QListWidget#navigation::item:selected {{ background: {c.accent}; color: {c.accent_text}; }}
QListWidget#navigation::item:focus {{ outline: none; }}
QListWidget#navigation:focus {{ border: {focus}px solid {c.accent}; }}
QLineEdit, QPlainTextEdit, QTextEdit, QTextBrowser, QListView, QTreeView, QTableView {{
    border: {width}px solid {c.border}; border-radius: 3px; }}
*:focus {{ outline: {width}px solid {c.accent}; }}
QLineEdit:focus, QTextBrowser:focus, QListView:focus, QTableView:focus, QTreeView:focus {{
    border: {focus}px solid {c.accent}; }}
QPushButton {{ padding: 0.3em 0.9em; }}
QPushButton:focus {{ border: {focus}px solid {c.accent}; border-radius: 3px; }}
QLabel[role="muted"] {{ color: {c.muted}; }}
QFrame[role="card"] {{ background: {c.base}; border: {width}px solid {c.border};
    border-radius: 6px; }}
QStatusBar {{ color: {c.muted}; }}
"""


def document_css(c: ThemeColors) -> str:
    """CSS for HTML shown in QTextBrowser (study notes, entries, explanations)."""
    return f"""
body {{ color: {c.text}; }}
a {{ color: {c.link}; text-decoration: none; }}
a.term {{ color: {c.text}; text-decoration: underline; }}
mark, .mark {{ background-color: {c.mark_bg}; color: {c.mark_text}; }}
h1, h2, h3 {{ color: {c.text}; }}
.muted {{ color: {c.muted}; }}
.good {{ color: {c.good}; font-weight: 600; }}
.bad {{ color: {c.bad}; font-weight: 600; }}
.warn {{ color: {c.warn}; }}
.box {{ background-color: {c.alt_base}; }}
code {{ background-color: {c.alt_base}; }}
table.bib td {{ padding: 1px 8px 1px 0; vertical-align: top; }}
blockquote {{ color: {c.muted}; }}
"""


class ThemeManager(QObject):
    """Applies the theme and font scale to the whole application.

    Signals:
        theme_changed(ThemeColors): after a theme (or the system's scheme) changes.
        font_scale_changed(float): after the font scale changes.
    """

    theme_changed = Signal(object)
    font_scale_changed = Signal(float)

    def __init__(self, app: QApplication, theme: str = "system", font_scale: float = 1.0):
        super().__init__(app)
        self.app = app
        self.theme_name = theme
        self.font_scale = 1.0
        self.base_point_size = app.font().pointSizeF() if app.font().pointSizeF() > 0 else 10.0
        self.colors = resolve(theme)
        try:
            QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)
        except AttributeError:
            pass
        self.apply(theme)
        self.set_font_scale(font_scale)

    def apply(self, theme: str) -> ThemeColors:
        self.theme_name = theme
        self.colors = resolve(theme)
        self.app.setStyle("Fusion")
        self.app.setPalette(palette_for(self.colors))
        self.app.setStyleSheet(app_stylesheet(self.colors))
        self.theme_changed.emit(self.colors)
        return self.colors

    def _system_changed(self, *_args) -> None:
        if self.theme_name == "system":
            self.apply("system")

    def set_font_scale(self, scale: float) -> float:
        scale = round(min(max(scale, MIN_FONT_SCALE), MAX_FONT_SCALE), 2)
        self.font_scale = scale
        font = QFont(self.app.font())
        font.setPointSizeF(self.base_point_size * scale)
        self.app.setFont(font)
        # With an application style sheet, Qt does not pass a new application font on to
        # widgets that are already polished; setting the sheet again re-polishes them.
        self.app.setStyleSheet(app_stylesheet(self.colors))
        self.font_scale_changed.emit(scale)
        return scale

    def step_font(self, direction: int) -> float:
        """Ctrl+= / Ctrl+- change the scale by 10%; 0 resets it."""
        if direction == 0:
            return self.set_font_scale(1.0)
        return self.set_font_scale(self.font_scale + 0.1 * direction)

    def with_colors(self, **changes) -> ThemeColors:
        return replace(self.colors, **changes)
