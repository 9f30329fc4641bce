"""File > Preferences: theme, text size, quiz defaults, presenter theme and the data folder.

The dialog only reads and returns choices; the main window applies them on OK (the same code
View > Theme and Ctrl+= use), so Cancel leaves everything as it was. "Open folder" hands the
data folder to the desktop's file manager (QDesktopServices: a local folder, never a network
address).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.settings import MAX_FONT_SCALE, MIN_FONT_SCALE, AppSettings
from desktop.widgets.wrap_label import WrapLabel

THEME_CHOICES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"),
                 ("high-contrast", "High contrast (projector)"))
QUIZ_MODE_CHOICES = (("tutor", "Tutor: feedback after every answer"),
                     ("exam", "Exam: feedback at the end"),
                     ("practice", "Practice missed questions"))


def _combo(name: str, choices, current: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for key, label in choices:
        combo.addItem(label, key)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class PreferencesDialog(QDialog):
    """Signals: none; read the choices with `theme()`, `font_scale()` and friends after OK."""

    def __init__(self, settings: AppSettings, data_dir: Path, current_theme: str,
                 current_scale: float, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setAccessibleName("Preferences")
        self.data_dir = Path(data_dir)
        self.show_tour_requested = False

        look = QGroupBox("Appearance")
        look_form = QFormLayout(look)
        self.theme_combo = _combo("Theme", THEME_CHOICES, current_theme)
        look_form.addRow("&Theme:", self.theme_combo)
        self.text_size = QSpinBox()
        self.text_size.setAccessibleName("Text size in percent")
        self.text_size.setRange(int(MIN_FONT_SCALE * 100), int(MAX_FONT_SCALE * 100))
        self.text_size.setSingleStep(10)
        self.text_size.setSuffix(" %")
        self.text_size.setValue(round(current_scale * 100))
        self.text_size.setToolTip("Also Ctrl+= and Ctrl+- anywhere; Ctrl+0 for 100 %")
        look_form.addRow("Te&xt size:", self.text_size)
        self.presenter_theme = _combo("Presenter theme", THEME_CHOICES[1:],
                                      settings.presenter_theme)
        look_form.addRow("&Presenter theme:", self.presenter_theme)

        quiz = QGroupBox("New quiz sessions")
        quiz_form = QFormLayout(quiz)
        self.quiz_mode = _combo("Quiz mode", QUIZ_MODE_CHOICES, settings.quiz_mode)
        quiz_form.addRow("&Mode:", self.quiz_mode)
        self.question_count = QSpinBox()
        self.question_count.setAccessibleName("Number of questions")
        self.question_count.setRange(1, 200)
        self.question_count.setValue(settings.quiz_question_count)
        quiz_form.addRow("&Questions:", self.question_count)
        self.exam_minutes = QSpinBox()
        self.exam_minutes.setAccessibleName("Exam countdown in minutes")
        self.exam_minutes.setRange(0, 300)
        self.exam_minutes.setSpecialValueText("no countdown")
        self.exam_minutes.setSuffix(" min")
        self.exam_minutes.setValue(settings.quiz_exam_minutes)
        quiz_form.addRow("Exam &countdown:", self.exam_minutes)

        data = QGroupBox("Your data")
        data_layout = QVBoxLayout(data)
        # Never squeezed below the lines it needs (the dialog at 200% text on 1024x768).
        note = WrapLabel("Your answers, imported documents, question sets and settings are "
                         "kept in this folder on this computer. Back it up by copying the "
                         "folder.")
        note.setProperty("role", "muted")
        self.folder_field = QLineEdit(str(self.data_dir))
        self.folder_field.setReadOnly(True)
        self.folder_field.setAccessibleName("Data folder")
        self.folder_field.setCursorPosition(0)
        self.open_folder_button = QPushButton("&Open folder")
        self.open_folder_button.setAccessibleName("Open the data folder")
        self.open_folder_button.setToolTip("Show the data folder in your file manager")
        self.open_folder_button.clicked.connect(self.open_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder_field, 1)
        row.addWidget(self.open_folder_button)
        data_layout.addWidget(note)
        data_layout.addLayout(row)
        self.folder_message = WrapLabel()
        self.folder_message.setAccessibleName("Data folder message")
        self.folder_message.hide()
        data_layout.addWidget(self.folder_message)

        self.tour_button = QPushButton("Show the &welcome tour again")
        self.tour_button.setAccessibleName("Show the welcome tour again")
        self.tour_button.clicked.connect(self._show_tour)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (look, quiz, data):
            layout.addWidget(widget)
        layout.addWidget(self.tour_button)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.theme_combo.setFocus()

    # -- choices ---------------------------------------------------------------------------

    def theme(self) -> str:
        return self.theme_combo.currentData()

    def font_scale(self) -> float:
        return self.text_size.value() / 100

    def save_quiz_defaults(self, settings: AppSettings) -> None:
        """Store the quiz and presenter choices (theme and text size are applied by the
        window, as View > Theme and Ctrl+= do)."""
        settings.quiz_mode = self.quiz_mode.currentData()
        settings.quiz_question_count = self.question_count.value()
        settings.quiz_exam_minutes = self.exam_minutes.value()
        settings.presenter_theme = self.presenter_theme.currentData()

    # -- actions ---------------------------------------------------------------------------

    def open_folder(self) -> bool:
        """Show the data folder in the file manager; say so when none can show it."""
        url = QUrl.fromLocalFile(str(self.data_dir))
        opened = self.data_dir.is_dir() and QDesktopServices.openUrl(url)
        if not opened:
            self.folder_message.setText(
                f"No file manager could open {self.data_dir}. Copy the path above and open "
                "it yourself.")
            self.folder_message.show()
        return bool(opened)

    def _show_tour(self) -> None:
        self.show_tour_requested = True
        self.accept()
