"""Typed application settings over an injected QSettings (Picard's pattern).

`prefs/` holds the user's choices (theme, font scale), `state/` the window's state (geometry,
docks, last view). Progress never lives here: it belongs in the user database. Tests pass a
QSettings backed by an ini file in a temporary folder.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

THEMES = ("system", "light", "dark", "high-contrast")
QUIZ_MODES = ("tutor", "exam", "practice")
MIN_FONT_SCALE, MAX_FONT_SCALE = 0.8, 3.0


class Setting(Generic[T]):
    """A typed key with a default; invalid stored values read back as the default."""

    def __init__(self, key: str, kind: type, default: T, choices: tuple = (),
                 bounds: tuple[float, float] | None = None):
        self.key, self.kind, self.default = key, kind, default
        self.choices, self.bounds = choices, bounds

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def _coerce(self, value: Any) -> T:
        if value is None:
            return self.default
        try:
            if self.kind is bool:
                out = value if isinstance(value, bool) else str(value).lower() in ("1", "true")
            elif self.kind is QByteArray:
                out = value if isinstance(value, QByteArray) else QByteArray(value)
            elif self.kind is list:
                out = [str(v) for v in value] if isinstance(value, list | tuple) else (
                    [str(value)] if value else [])
            else:
                out = self.kind(value)
        except (TypeError, ValueError):
            return self.default
        if self.choices and out not in self.choices:
            return self.default
        if self.bounds:
            out = min(max(out, self.bounds[0]), self.bounds[1])
        return out

    def __get__(self, obj: AppSettings | None, owner=None):
        if obj is None:
            return self
        return self._coerce(obj.qsettings.value(self.key))

    def __set__(self, obj: AppSettings, value: T) -> None:
        obj.qsettings.setValue(self.key, self._coerce(value))


class AppSettings:
    """The app's settings. Construct with a QSettings (tests use an ini file)."""

    SCHEMA_VERSION = 1

    theme = Setting("prefs/theme", str, "system", choices=THEMES)
    font_scale = Setting("prefs/font_scale", float, 1.0, bounds=(MIN_FONT_SCALE, MAX_FONT_SCALE))
    presenter_theme = Setting("prefs/presenter_theme", str, "high-contrast", choices=THEMES)
    content_packs = Setting("prefs/content_packs", list, [])
    #: Quiz defaults (File > Preferences): a new session's length, exam countdown and mode.
    quiz_question_count = Setting("prefs/quiz_question_count", int, 10, bounds=(1, 200))
    quiz_exam_minutes = Setting("prefs/quiz_exam_minutes", int, 0, bounds=(0, 300))
    quiz_mode = Setting("prefs/quiz_mode", str, "tutor", choices=QUIZ_MODES)
    #: The first-start tour was dismissed for good ("Don't show again" or finished).
    tour_dismissed = Setting("prefs/tour_dismissed", bool, False)
    #: File > Recent: "kind<TAB>id", newest first (desktop.core.recent).
    recent_items = Setting("state/recent_items", list, [])
    geometry = Setting("state/geometry", QByteArray, QByteArray())
    window_state = Setting("state/window_state", QByteArray, QByteArray())
    last_view = Setting("state/last_view", str, "home")
    glossary_visible = Setting("state/glossary_visible", bool, False)
    glossary_term = Setting("state/glossary_term", str, "")

    def __init__(self, qsettings: QSettings):
        self.qsettings = qsettings
        stored = qsettings.value("meta/schema_version")
        if stored is None:
            qsettings.setValue("meta/schema_version", self.SCHEMA_VERSION)

    @classmethod
    def from_file(cls, path: str) -> AppSettings:
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def sync(self) -> None:
        self.qsettings.sync()

    def state_value(self, key: str, default=None):
        """Free-form view state (splitter sizes, column widths) under `state/`."""
        value = self.qsettings.value(f"state/{key}")
        return default if value is None else value

    def set_state_value(self, key: str, value) -> None:
        self.qsettings.setValue(f"state/{key}", value)
