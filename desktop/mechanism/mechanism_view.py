"""Mechanism: the interactive diagram (narration, drug highlights, label practice, export)
and the drug comparison table, as two tabs of one view.

All logic lives in `desktop.core.mechanism` (diagram, layout, narration, label practice, drug
table); this module shows its state and turns clicks and keys into calls.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.text import strip_markdown
from desktop.core.mechanism.diagram import load_diagram
from desktop.core.mechanism.label_practice import (
    PRACTICE_SCOPES,
    LabelPractice,
    accepted_names,
    practice_nodes,
)
from desktop.core.mechanism.narration import Narration
from desktop.core.render import escape
from desktop.mechanism.diagram_canvas import DiagramCanvas
from desktop.mechanism.html import sources_html, titled_text_html
from desktop.views import AtlasView
from desktop.widgets.flow_layout import FlowLayout
from desktop.widgets.fonts import set_relative_font
from desktop.widgets.rich_text import RichTextBrowser
from desktop.widgets.safe_text import warn

OVERVIEW = """
<h3>How IMiDs and CELMoDs work</h3>
<p>The drug binds cereblon, part of a ubiquitin ligase, and makes it grab proteins it would
normally leave alone. Those proteins are tagged and destroyed, and what follows (myeloma cells
dying, T and NK cells switched on, birth defects in the embryo) depends on which protein is
lost.</p>
<p class="muted">Next step: <b>Right</b>, <b>Page Down</b> or <b>Space</b> (clicker keys work);
back: <b>Left</b> or <b>Page Up</b>. <b>Tab</b> walks the parts of the diagram; click one or
press <b>Enter</b> for its glossary entry; hover for a short definition. Choose a drug above to
see what it is known for.</p>
"""


class MechanismView(AtlasView):
    """The mechanism explorer and the drug comparison."""

    view_key = "mechanism"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.setAccessibleName("Mechanism")
        self.diagram = load_diagram(ctx.content)
        self.narration = Narration(self.diagram.steps)
        self.drugs = {d.id: d for d in ctx.content.drugs()}
        self.drug_order = [d.id for d in ctx.content.drugs()]
        self.practice: LabelPractice | None = None
        self.last_attempt_id: int | None = None

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Mechanism pages")
        self.tabs.addTab(self._build_diagram_page(), "&Diagram")
        from desktop.mechanism.drug_comparison import DrugComparison

        self.comparison = DrugComparison(ctx)
        self.tabs.addTab(self.comparison, "Drug &comparison")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.canvas.set_diagram(self.diagram, self._tooltips())
        ctx.theme.theme_changed.connect(self._theme_changed)
        ctx.theme.font_scale_changed.connect(self._font_changed)
        self._show_narration()

    # -- construction ------------------------------------------------------------------------

    def _build_diagram_page(self) -> QWidget:
        page = QWidget()
        bar = FlowLayout()  # wraps onto two lines when the window is narrow or text is large
        drug_label = QLabel("&Drug:")
        self.drug_combo = QComboBox()
        self.drug_combo.setAccessibleName("Highlight a drug")
        self.drug_combo.setAccessibleDescription(
            "Choose a drug to mark the neosubstrates and effects it is known for")
        drug_label.setBuddy(self.drug_combo)
        self.drug_combo.addItem("All drugs (shared mechanism)", "")
        for drug_id in self.drug_order:
            self.drug_combo.addItem(self.drugs[drug_id].name, drug_id)
        self._color_drug_items()
        self.drug_combo.currentIndexChanged.connect(self._drug_changed)
        bar.addWidget(drug_label)
        bar.addWidget(self.drug_combo)
        self.practice_button = QPushButton("Hide the &labels")  # Alt+H is the Help menu
        self.practice_button.setCheckable(True)
        self.practice_button.setAccessibleName("Hide the labels practice")
        self.practice_button.setToolTip("Hide some labels and name the parts yourself")
        self.practice_button.toggled.connect(self.set_practice_mode)
        bar.addWidget(self.practice_button)
        for text, tip, handler in (
                ("−", "Zoom out (−)", lambda: self.canvas.zoom(1 / 1.2)),
                ("Fit", "Fit the diagram to the window (0)", self.canvas_reset_zoom),
                ("+", "Zoom in (+)", lambda: self.canvas.zoom(1.2))):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip.split(" (")[0])
            button.clicked.connect(handler)
            bar.addWidget(button)
        self.png_button = QPushButton("Export &PNG…")
        self.png_button.setAccessibleName("Export the diagram as PNG")
        self.png_button.clicked.connect(lambda: self._export_dialog("png"))
        self.svg_button = QPushButton("Export &SVG…")
        self.svg_button.setAccessibleName("Export the diagram as SVG")
        self.svg_button.clicked.connect(lambda: self._export_dialog("svg"))
        bar.addWidget(self.png_button)
        bar.addWidget(self.svg_button)

        self.canvas = DiagramCanvas(self.ctx.theme.colors,
                                    font_scale=lambda: self.ctx.theme.font_scale)
        self.canvas.node_activated.connect(self._node_activated)
        self.canvas.node_focused.connect(self._node_focused)
        self.canvas.step_key_pressed.connect(self._step_key)

        self.bottom = QStackedWidget()
        self.bottom.addWidget(self._build_narration_panel())
        self.bottom.addWidget(self._build_practice_panel())

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("mechanism_splitter")
        splitter.addWidget(self.canvas)
        splitter.addWidget(self.bottom)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        self.splitter = splitter

        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        return page

    def _build_narration_panel(self) -> QWidget:
        panel = QWidget()
        self.info = RichTextBrowser(self.ctx, accessible_name="Step text and sources")
        self.info.setMinimumHeight(60)
        controls = QVBoxLayout()
        self.prev_button = QPushButton("◀ Previous")
        self.prev_button.setAccessibleName("Previous step")
        self.prev_button.setToolTip("Previous step (Left or Page Up in the diagram)")
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QPushButton("Next ▶")
        self.next_button.setAccessibleName("Next step")
        self.next_button.setToolTip("Next step (Right, Page Down or Space in the diagram)")
        self.next_button.clicked.connect(lambda: self.step(+1))
        self.overview_button = QPushButton("Overview")
        self.overview_button.setAccessibleName("Back to the overview")
        self.overview_button.clicked.connect(self.show_overview)
        self.position_label = QLabel()
        self.position_label.setAccessibleName("Step position")
        self.position_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_relative_font(self.position_label, 0.95, bold=True)
        row = QHBoxLayout()
        row.addWidget(self.prev_button)
        row.addWidget(self.next_button)
        controls.addLayout(row)
        controls.addWidget(self.position_label)
        controls.addWidget(self.overview_button)
        controls.addStretch(1)
        layout = QHBoxLayout(panel)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.info, 1)
        layout.addLayout(controls)
        return panel

    def _show_drug_structure(self) -> None:
        """The drug node draws the selected drug's structure, its glutarimide in cereblon's
        pocket (the drawing is read the first time a drug is chosen); none for all drugs."""
        node = next((n.id for n in self.diagram.nodes if n.kind == "drug"), "")
        if not node:
            return
        drug_id = self.selected_drug
        if not drug_id:
            self.canvas.set_figure(node, "")
            return
        from desktop.chemistry.structure_widget import scheme_of, structure_for_drug
        from desktop.core.chemistry import drawings

        structure = structure_for_drug(self.ctx.content, drug_id)
        raw = drawings.drawing_svg(structure.id) if structure is not None else None
        if raw is None:
            self.canvas.set_figure(node, "")
            return
        scheme = scheme_of(self.ctx)
        svg = drawings.without_labels(drawings.themed_svg(raw, scheme), structure.id)
        svg = drawings.with_pocket(svg, structure.id, scheme=scheme, show_label=False)
        self.canvas.set_figure(node, svg, drawings.alt_text_for(structure)
                               + " The glutarimide ring is drawn in cereblon's pocket.")
        item = self.canvas.items.get(node)
        if item is not None:  # at large text the diagram scrolls: the drawing comes into view
            self.canvas.ensureVisible(item, 20, 20)

    def _build_practice_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 4, 0, 0)
        setup = FlowLayout()
        scope_label = QLabel("Hide:")
        self.scope_combo = QComboBox()
        self.scope_combo.setAccessibleName("Which labels to hide")
        for key, label in PRACTICE_SCOPES.items():
            self.scope_combo.addItem(label, key)
        scope_label.setBuddy(self.scope_combo)
        self.start_button = QPushButton("Start")
        self.start_button.setAccessibleName("Start the practice")
        self.start_button.clicked.connect(self.start_practice)
        self.finish_button = QPushButton("Stop and score")
        self.finish_button.setAccessibleName("Stop and score the practice")
        self.finish_button.clicked.connect(self.finish_practice)
        setup.addWidget(scope_label)
        setup.addWidget(self.scope_combo)
        setup.addWidget(self.start_button)
        setup.addWidget(self.finish_button)
        self.score_label = QLabel()
        self.score_label.setAccessibleName("Practice score")
        set_relative_font(self.score_label, 1.0, bold=True)
        setup.addWidget(self.score_label)
        layout.addLayout(setup)

        self.prompt_label = QLabel()
        self.prompt_label.setAccessibleName("Practice question")
        self.prompt_label.setWordWrap(True)
        set_relative_font(self.prompt_label, 1.1, bold=True)
        layout.addWidget(self.prompt_label)

        answer_row = FlowLayout()
        self.answer_edit = QLineEdit()
        self.answer_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 16)
        self.answer_edit.setPlaceholderText("Type the name, then Enter")
        self.answer_edit.setAccessibleName("Your answer")
        self.answer_edit.returnPressed.connect(self.submit_typed)
        self.check_button = QPushButton("Check")
        self.check_button.setAccessibleName("Check the typed answer")
        self.check_button.clicked.connect(self.submit_typed)
        pick_label = QLabel("or pick:")
        self.pick_combo = QComboBox()
        self.pick_combo.setAccessibleName("Pick a name from the list")
        pick_label.setBuddy(self.pick_combo)
        self.pick_button = QPushButton("Use this name")
        self.pick_button.setAccessibleName("Answer with the picked name")
        self.pick_button.clicked.connect(self.submit_picked)
        self.skip_button = QPushButton("Skip")
        self.skip_button.setAccessibleName("Skip this label")
        self.skip_button.clicked.connect(self.skip_label)
        for widget in (self.answer_edit, self.check_button, pick_label, self.pick_combo,
                       self.pick_button, self.skip_button):
            answer_row.addWidget(widget)
        layout.addLayout(answer_row)
        self.feedback = RichTextBrowser(self.ctx, accessible_name="Practice feedback")
        self.feedback.setMinimumHeight(40)
        layout.addWidget(self.feedback, 1)
        self._practice_widgets_enabled(False)
        return panel

    def _tooltips(self) -> dict[str, str]:
        tips = {}
        for node in self.diagram.nodes:
            term = self.ctx.content.term(node.term)
            if term is None:
                tips[node.id] = escape(node.label)
                continue
            definition = " ".join(strip_markdown(term.short_definition).split())
            tips[node.id] = (f"<p><b>{escape(term.term)}</b><br>{escape(definition)}</p>"
                             "<p><i>Click or press Enter for the glossary entry.</i></p>")
        return tips

    def _color_drug_items(self) -> None:
        colors = self.ctx.theme.colors.drugs
        for index in range(1, len(self.drug_order) + 1):
            pixmap = QPixmap(12, 12)
            pixmap.fill(QColor(colors[min(index - 1, len(colors) - 1)]))
            self.drug_combo.setItemIcon(index, QIcon(pixmap))

    def canvas_reset_zoom(self) -> None:
        self.canvas.reset_zoom()

    # -- AtlasView ---------------------------------------------------------------------------

    def open_item(self, kind: str, item_id: str) -> bool:
        if kind != "drug" or item_id not in self.drugs:
            return False
        self.tabs.setCurrentWidget(self.comparison)
        self.comparison.select_drug(item_id)
        self.select_drug(item_id)
        return True

    def current_item(self) -> tuple[str, str] | None:
        if self.tabs.currentWidget() is self.comparison and self.comparison.current_drug():
            return ("drug", self.comparison.current_drug())
        return None

    def focus_target(self) -> QWidget:
        if self.tabs.currentWidget() is self.comparison:
            return self.comparison.table
        return self.canvas

    # -- drug selection ----------------------------------------------------------------------

    @property
    def selected_drug(self) -> str:
        return self.drug_combo.currentData() or ""

    def select_drug(self, drug_id: str) -> bool:
        index = self.drug_combo.findData(drug_id)
        if index < 0:
            return False
        self.drug_combo.setCurrentIndex(index)
        return True

    def drug_color(self, drug_id: str) -> str:
        colors = self.ctx.theme.colors.drugs
        if drug_id not in self.drug_order:
            return colors[-1]
        return colors[min(self.drug_order.index(drug_id), len(colors) - 1)]

    def _apply_drug_overlay(self) -> None:
        drug_id = self.selected_drug
        highlight = self.diagram.highlight_for(drug_id) if drug_id else None
        self.canvas.set_drug_overlay(set(highlight.nodes) if highlight else set(),
                                     self.drug_color(drug_id))

    def _drug_changed(self, _index: int) -> None:
        self._apply_drug_overlay()
        self._show_drug_structure()
        if self.practice is None:
            self._show_narration(prefer_drug=True)

    # -- narration ---------------------------------------------------------------------------

    def step(self, delta: int) -> bool:
        moved = self.narration.next() if delta > 0 else self.narration.previous()
        if moved:
            self._show_narration()
        return moved

    def show_overview(self) -> None:
        self.narration.reset()
        self._show_narration()

    def _step_key(self, name: str) -> None:
        if self.practice is not None:
            return
        if self.narration.handle_key(name):
            self._show_narration()

    def _show_narration(self, prefer_drug: bool = False) -> None:
        step = self.narration.current
        drug_id = self.selected_drug
        highlight = self.diagram.highlight_for(drug_id) if drug_id else None
        if step is not None:
            self.canvas.set_emphasis(set(step.nodes), set(self.diagram.step_edges(step)))
        elif highlight is not None:
            self.canvas.set_emphasis(set(highlight.nodes),
                                     set(self.diagram.edges_among(highlight.nodes)))
        else:
            self.canvas.set_emphasis(None, None)
        parts = []
        if highlight is not None and (prefer_drug or step is None):
            parts.append(self._drug_html(highlight))
        if step is not None:
            parts.append(titled_text_html(self.ctx, step.title, step.text, step.sources,
                                          self.narration.position_label()))
        if not parts:
            parts.append(OVERVIEW if not self.diagram.empty else
                         "<p>This content has no mechanism diagram.</p>")
        if highlight is not None and step is not None and not prefer_drug:
            name = self.drugs[drug_id].name
            parts.append(f'<p class="muted">{escape(name)}: the ringed parts are what it is '
                         f'known for. <a href="drug:{escape(drug_id)}">Compare the drugs</a>'
                         "</p>")
        self.info.set_content("".join(parts))
        self.position_label.setText(self.narration.position_label())
        self.prev_button.setEnabled(not self.narration.at_start)
        self.next_button.setEnabled(not self.narration.at_end and len(self.narration) > 0)
        self.overview_button.setEnabled(not self.narration.at_start)

    def _drug_html(self, highlight) -> str:
        drug = self.drugs.get(highlight.drug)
        name = drug.name if drug else highlight.drug
        return (f"<h3>{escape(name)}: what it is known for</h3>"
                f"{self.ctx.render_markdown(highlight.text)}"
                f"{sources_html(self.ctx.content, highlight.sources, 'Evidence')}"
                f'<p class="muted"><a href="drug:{escape(highlight.drug)}">Open {escape(name)} '
                "in the drug comparison</a></p>")

    # -- nodes -------------------------------------------------------------------------------

    def _node_activated(self, node_id: str) -> None:
        if self.practice is not None and self.practice.is_hidden(node_id):
            self.practice.select(node_id)
            self._show_practice_question()
            self.answer_edit.setFocus()
            return
        node = self.diagram.node(node_id)
        if node is not None:
            self.ctx.navigator.open("term", node.term)

    def _node_focused(self, node_id: str) -> None:
        node = self.diagram.node(node_id)
        if node is None:
            return
        hidden = self.practice is not None and self.practice.is_hidden(node_id)
        if hidden:
            description = f"Hidden label number {self.practice.numbers[node_id]}"
        else:
            term = self.ctx.content.term(node.term)
            definition = strip_markdown(term.short_definition) if term else ""
            description = f"{node.label}. {node.caption}. {definition}".strip()
        self.canvas.setAccessibleDescription(description + " Enter opens the glossary entry.")

    # -- label practice ----------------------------------------------------------------------

    def set_practice_mode(self, on: bool) -> None:
        if self.practice_button.isChecked() != on:
            self.practice_button.setChecked(on)
            return
        if on:
            self.bottom.setCurrentIndex(1)
            self.canvas.set_emphasis(None, None)
            self._practice_widgets_enabled(False)
            self.prompt_label.setText("Choose which labels to hide, then Start.")
            self.score_label.setText(self._summary_text())
            self.feedback.set_content("")
            self.scope_combo.setFocus()
        else:
            self._clear_practice()
            self.bottom.setCurrentIndex(0)
            self._show_narration()

    def start_practice(self, scope: str | None = None) -> LabelPractice:
        scope = scope or self.scope_combo.currentData()
        if not self.practice_button.isChecked():
            self.practice_button.setChecked(True)
        self._clear_practice()
        hidden = practice_nodes(self.diagram, scope)
        names = {n.id: accepted_names(n, self.ctx.content.term(n.term))
                 for n in self.diagram.nodes}
        self.practice = LabelPractice(hidden, names, scope=scope, drug=self.selected_drug)
        self.canvas.set_emphasis(None, None)
        self.canvas.set_drug_overlay(set(), "")  # the drug's rings would give answers away
        for node in hidden:
            self.canvas.set_node_state(node.id, hidden_number=self.practice.numbers[node.id],
                                       result=None, current=False)
        self.pick_combo.clear()
        self.pick_combo.addItems(self.practice.choices())
        self._practice_widgets_enabled(True)
        self.feedback.set_content(
            "<p>Name each numbered part: type it (small typos are forgiven, but IKZF1 is not "
            "IKZF3) or pick it from the list. Click a numbered box to answer that one "
            "first.</p>")
        self._show_practice_question()
        self.answer_edit.setFocus()
        return self.practice

    def _practice_widgets_enabled(self, on: bool) -> None:
        for widget in (self.answer_edit, self.check_button, self.pick_combo, self.pick_button,
                       self.skip_button, self.finish_button):
            widget.setEnabled(on)
        self.start_button.setEnabled(not on)
        self.scope_combo.setEnabled(not on)

    def _show_practice_question(self) -> None:
        practice = self.practice
        if practice is None:
            return
        for node in practice.hidden:
            self.canvas.set_node_state(node.id, current=node.id == practice.current)
        self.score_label.setText(f"{practice.correct} right · "
                                 f"{len(practice.answers)} of {practice.total} answered")
        if practice.current is not None:
            number = practice.numbers[practice.current]
            self.prompt_label.setText(f"Name the part marked “? {number}”.")
            item = self.canvas.items.get(practice.current)
            if item is not None:
                self.canvas.ensureVisible(item, 30, 30)

    def submit_typed(self) -> None:
        self._submit(self.answer_edit.text(), "typed")

    def submit_picked(self) -> None:
        self._submit(self.pick_combo.currentText(), "picked")

    def skip_label(self) -> None:
        self._submit("", "skipped")

    def _submit(self, text: str, method: str):
        practice = self.practice
        if practice is None or practice.current is None:
            return None
        if method != "skipped" and not text.strip():
            self.feedback.set_content("<p>Type a name first, or choose Skip.</p>")
            return None
        verdict = practice.answer(text, method)
        self.canvas.set_node_state(verdict.node_id, hidden_number=0, result=verdict.correct,
                                   current=False)
        self.answer_edit.clear()
        expected = escape(verdict.expected)
        if verdict.correct:
            message = f'<p><span class="good">Right:</span> {expected}.</p>'
        elif verdict.method == "skipped":
            message = f'<p><span class="bad">Skipped:</span> it was {expected}.</p>'
        else:
            message = (f'<p><span class="bad">Not quite:</span> “{escape(text)}” — it was '
                       f"{expected}.")
            if verdict.confused_with:
                other = self.diagram.node(verdict.confused_with)
                if other is not None:
                    message += f" That name belongs to {escape(other.label)}."
            message += "</p>"
        self.feedback.set_content(message)
        if practice.finished:
            self.finish_practice()
        else:
            self._show_practice_question()
        return verdict

    def finish_practice(self) -> int | None:
        """Score the round, store it (when anything was answered) and show the summary."""
        practice = self.practice
        if practice is None:
            return None
        answered = len(practice.answers)
        attempt_id = None
        saved = ""
        if answered and self.ctx.user is not None:
            from db.label_practice import record_attempt

            try:
                attempt_id = record_attempt(self.ctx.user, practice.results(),
                                            scope=practice.scope, drug=practice.drug)
                saved = " Saved to your progress."
            except Exception as exc:  # a full disk or a read-only folder: say so, keep going
                saved = f" Could not save it: {exc}."
        elif answered:
            saved = " (Not saved: no progress database is open.)"
        for node in practice.hidden:
            if node.id not in practice.answers:
                self.canvas.set_node_state(node.id, hidden_number=0, result=False,
                                           current=False)
            else:
                self.canvas.set_node_state(node.id, current=False)
        self.last_attempt_id = attempt_id
        score = f"Score: {practice.score_text()}."
        self.prompt_label.setText(score + saved)
        self.score_label.setText(self._summary_text())
        missed = [practice.label_of(a.node_id) for a in practice.results() if not a.correct]
        review = (f"<p>To review: {escape(', '.join(missed))}.</p>" if missed
                  else "<p class='good'>Every label named.</p>")
        self.feedback.set_content(f"<p><b>{escape(score)}</b>{escape(saved)}</p>{review}"
                                  "<p>Start again to practise another set.</p>")
        self.practice = None
        self._practice_widgets_enabled(False)
        self.start_button.setFocus()
        return attempt_id

    def _clear_practice(self) -> None:
        self.practice = None
        for node in self.diagram.nodes:
            self.canvas.set_node_state(node.id, hidden_number=0, result=None, current=False)
        self._apply_drug_overlay()

    def _summary_text(self) -> str:
        if self.ctx.user is None:
            return ""
        from db.label_practice import practice_summary

        try:
            summary = practice_summary(self.ctx.user)
        except Exception:
            return ""
        if not summary.attempts:
            return "No attempts yet"
        return (f"{summary.attempts} attempt{'s' if summary.attempts != 1 else ''} · best "
                f"{summary.best_score:.0%} · last {summary.last_score:.0%}")

    # -- export ------------------------------------------------------------------------------

    def export_diagram(self, path: str | Path, fmt: str) -> Path:
        if fmt == "svg":
            return self.canvas.export_svg(path)
        return self.canvas.export_png(path)

    def _export_dialog(self, fmt: str) -> None:
        default = str(self.ctx.atlas.paths.data_dir / f"imid-atlas-mechanism.{fmt}")
        path, _ = QFileDialog.getSaveFileName(
            self, f"Export the diagram as {fmt.upper()}", default,
            f"{fmt.upper()} files (*.{fmt})")
        if not path:
            return
        try:
            written = self.export_diagram(path, fmt)
        except OSError as exc:
            warn(self, "Export failed", f"Could not write {path}: {exc.strerror or exc}")
            return
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(f"Saved {written}", 5000)

    # -- theme and fonts ---------------------------------------------------------------------

    def _theme_changed(self, colors) -> None:
        self.canvas.set_colors(colors)
        self._color_drug_items()
        self._apply_drug_overlay()
        self._show_drug_structure()  # the drawing in the theme's colours

    def _font_changed(self, _scale: float) -> None:
        self.canvas.rebuild()
        self.comparison.fit_columns()
