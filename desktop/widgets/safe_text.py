"""The one way to show text that did not come from our code, in any widget.

Imported titles (a PDF's /Title, an HTML <title>, a Markdown heading), file names, question-set
names, content-pack records and anything a user typed are untrusted. Qt guesses ("AutoText")
whether a label, tooltip or message box holds HTML: a title such as `<img src=/dev/zero>` would
be parsed as rich text and its "image" read until memory runs out. So every such string
reaches the screen through this module, as plain text:

- `tooltip(text)`: a tooltip (or a model's ToolTipRole) that shows exactly `text`;
- `set_plain(label, text)` and `plain_label(text)`: labels that never parse markup;
- `message`, `inform`, `warn` and `ask`: message boxes in plain text (`ask` defaults to No);
- `ask_text`: a text-input dialog whose prompt is plain text;
- `menu_text(text)`: menu, button and tab text with `&` kept as a character.

Window titles, list, table, tree and combo-box items and status-bar messages are always plain
text in Qt. HTML bodies (notes, imported pages) are sanitised by `desktop.core.render` instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMessageBox, QWidget

#: Tooltips longer than this are cut (a 3-million-character title is still one line of it).
MAX_TOOLTIP_CHARS = 1500

_Button = QMessageBox.StandardButton


def tooltip(text: str | None) -> str:
    """A tooltip Qt shows as exactly `text`: the text itself when Qt would not take it for
    rich text, else escaped rich text (line breaks kept, wrapped like any tooltip)."""
    text = str(text or "")
    if len(text) > MAX_TOOLTIP_CHARS:
        text = text[:MAX_TOOLTIP_CHARS].rstrip() + "…"
    if not GuiQt.mightBeRichText(text):
        return text
    return GuiQt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def set_plain(label: QLabel, text: str | None) -> QLabel:
    """Show `text` in `label` as plain text, whatever characters it holds."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(str(text or ""))
    return label


def plain_label(text: str | None = "", parent: QWidget | None = None) -> QLabel:
    """A new label that shows `text` (and whatever is set on it later) as plain text."""
    return set_plain(QLabel(parent), text)


def menu_text(text: str | None) -> str:
    """`text` for a menu item, button or tab: every `&` shown, none taken as a mnemonic."""
    return str(text or "").replace("&", "&&")


def message(parent: QWidget | None, title: str, text: str,
            icon: QMessageBox.Icon = QMessageBox.Icon.Information,
            buttons: _Button = _Button.Ok, default: _Button | None = None,
            informative: str = "") -> _Button:
    """Show a modal message box whose texts are plain; returns the button clicked."""
    box = QMessageBox(icon, str(title), "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(str(text))
    if informative:
        box.setInformativeText(str(informative))
    if default is not None:
        box.setDefaultButton(default)
        box.setEscapeButton(default)
    return _Button(box.exec())


def inform(parent: QWidget | None, title: str, text: str, informative: str = "") -> None:
    """An information box (OK) in plain text."""
    message(parent, title, text, QMessageBox.Icon.Information, informative=informative)


def warn(parent: QWidget | None, title: str, text: str, informative: str = "") -> None:
    """A warning box (OK) in plain text."""
    message(parent, title, text, QMessageBox.Icon.Warning, informative=informative)


def ask(parent: QWidget | None, title: str, text: str, informative: str = "",
        default_yes: bool = False) -> bool:
    """A Yes/No question in plain text; No is the default (Enter and Esc answer No) unless
    `default_yes`. True when the answer is Yes."""
    default = _Button.Yes if default_yes else _Button.No
    answer = message(parent, title, text, QMessageBox.Icon.Question,
                     _Button.Yes | _Button.No, default, informative)
    return answer == _Button.Yes


def ask_text(parent: QWidget | None, title: str, prompt: str, value: str = "",
             max_length: int = 0) -> str | None:
    """Ask for one line of text under a plain-text `prompt`; None when cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(str(title))
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setLabelText(str(prompt))
    for label in dialog.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)
    if max_length:
        for edit in dialog.findChildren(QLineEdit):
            edit.setMaxLength(max_length)
    dialog.setTextValue(str(value))
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    return dialog.textValue()
