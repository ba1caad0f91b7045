"""The Ledger window: every prediction (due ones highlighted), recording outcomes, scores by
analyst, template or period, and the calibration chart (the same SVG the PDF appendix shows).

Reading the ledger, recording, exporting, merging and drawing the chart all run on the memory
worker; matplotlib is imported there, so the window opens at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QByteArray, QDate, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core.memory.chart import calibration_svg
from briefing.core.memory.index import MemoryIndex
from briefing.core.memory.ledger import (
    OUTCOME_WORDS,
    LedgerEntry,
    OutcomeKind,
    ledger_entries,
    record_outcome,
)
from briefing.core.memory.ledger_io import MergeReport, export_csv, export_ledger, merge_ledger
from briefing.core.memory.scores import GroupBy, calibration, scores_by
from briefing.ui.memory.library_window import plain_label
from briefing.ui.memory.service import MemoryService
from briefing.ui.plain import plain

COLUMNS = ("Status", "%", "Judgement", "Resolves", "Analyst", "Briefing", "Id")
DUE = QColor("#FFE9B3")
DUE_TEXT = QColor("#5C3B00")
SHOW = ("All predictions", "Due for an outcome", "Open", "Resolved")
OUTCOMES: tuple[tuple[OutcomeKind, str], ...] = (
    ("happened", "Happened"),
    ("not", "Did not happen"),
    ("unknown", "Cannot tell"),
)
GROUPS: tuple[tuple[GroupBy, str], ...] = (
    ("analyst", "Analyst"),
    ("template", "Template"),
    ("period", "Quarter"),
)


class LedgerWindow(QWidget):
    """Predictions and outcomes; ``appendix_requested(Calibration)`` adds the appendix."""

    appendix_requested = Signal(object)

    def __init__(self, parent: QWidget | None, service: MemoryService) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Predictions Ledger — Briefing")
        self.setObjectName("LedgerWindow")
        self.service = service
        self.entries: list[LedgerEntry] = []
        self.shown: list[LedgerEntry] = []
        self.svg = ""
        self._build()
        service.done.connect(self._done)
        service.failed.connect(self._failed)
        self.resize(1280, 760)

    # -- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.show_box = QComboBox()
        self.show_box.addItems(SHOW)
        self.show_box.setAccessibleName("Show")
        self.show_box.currentIndexChanged.connect(lambda _i: self._fill())
        self.count = plain_label()
        export_csv = QPushButton("Export CSV…")
        export_csv.clicked.connect(lambda: self._export(".csv"))
        export_team = QPushButton("Export for Colleagues…")
        export_team.clicked.connect(lambda: self._export(".bfledger"))
        merge = QPushButton("Merge a Colleague's Ledger…")
        merge.clicked.connect(self._merge)
        top = QHBoxLayout()
        top.addWidget(self.show_box)
        top.addWidget(self.count, 1)
        for b in (export_csv, export_team, merge):
            top.addWidget(b)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Predictions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 104), (1, 44), (3, 88), (4, 90), (5, 150), (6, 112)):
            header.resizeSection(col, width)
        self.table.itemSelectionChanged.connect(self._selection)

        self.selected = plain_label("Select a prediction to record its outcome.")
        self.outcome = QComboBox()
        for _key, label in OUTCOMES:
            self.outcome.addItem(label)
        self.outcome.setAccessibleName("Outcome")
        self.when = QDateEdit(QDate.currentDate())
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd")
        self.when.setAccessibleName("Resolved on")
        self.note = QLineEdit()
        self.note.setPlaceholderText("What happened, and how you know")
        self.note.setAccessibleName("Note")
        self.record = QPushButton("Record Outcome")
        self.record.setEnabled(False)
        self.record.clicked.connect(self._record)
        form = QHBoxLayout()
        for w in (self.outcome, self.when):
            form.addWidget(w)
        form.addWidget(self.note, 1)
        form.addWidget(self.record)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addLayout(top)
        lv.addWidget(self.table, 1)
        box = QGroupBox("Outcome")
        bv = QVBoxLayout(box)
        bv.addWidget(self.selected)
        bv.addLayout(form)
        lv.addWidget(box)

        self.group = QComboBox()
        for _group, label in GROUPS:
            self.group.addItem(f"Scores by {label.lower()}")
        self.group.setAccessibleName("Scores by")
        self.group.currentIndexChanged.connect(lambda _i: self._scores())
        self.scores = QTableWidget(0, 4)
        self.scores.setHorizontalHeaderLabels(("Group", "Scored", "Brier", "Open"))
        self.scores.setAccessibleName("Scores")
        self.scores.verticalHeader().setVisible(False)
        self.scores.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.scores.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.scores.setMaximumHeight(170)
        self.summary = plain_label()
        self.chart = QSvgWidget()
        self.chart.setAccessibleName("Calibration chart")
        self.chart.setMinimumSize(420, 310)
        self.chart.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.appendix = QPushButton("Add Calibration Appendix to the Open Briefing")
        self.appendix.setToolTip("The PDF gets this chart and table as an appendix")
        self.appendix.clicked.connect(self._appendix)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.addWidget(self.group)
        rv.addWidget(self.scores)
        rv.addWidget(self.summary)
        rv.addWidget(self.chart, 1)
        rv.addWidget(self.appendix)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([780, 500])
        QVBoxLayout(self).addWidget(split)

    # -- data ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the ledger again (on the worker)."""
        self.count.setText("Reading the ledger…")
        self.service.run("ledger", ledger_entries)

    def _done(self, name: str, result: object) -> None:
        if name == "ledger" and isinstance(result, list):
            self.entries = result
            self._fill()
            self._scores()
        elif name == "chart":
            self.svg = str(result)
            self.chart.load(QByteArray(self.svg.encode("utf-8")))
            self.chart.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        elif name == "ledger-changed":
            if isinstance(result, str):
                self.count.setText(result)
            self.refresh()

    def _failed(self, message: str) -> None:
        if self.isVisible():
            self.count.setText(message)

    def _filter(self, e: LedgerEntry, today: date) -> bool:
        choice = self.show_box.currentIndex()
        if choice == 1:
            return e.is_due(today)
        if choice == 2:
            return e.outcome is None
        if choice == 3:
            return e.outcome is not None
        return True

    def _fill(self) -> None:
        today = date.today()
        self.shown = [e for e in self.entries if self._filter(e, today)]
        due = sum(1 for e in self.entries if e.is_due(today))
        self.count.setText(f"{len(self.entries)} predictions, {due} due for an outcome")
        self.table.setRowCount(len(self.shown))
        for row, e in enumerate(self.shown):
            is_due = e.is_due(today)
            status = "Due" if is_due else OUTCOME_WORDS[e.outcome.outcome] if e.outcome else "Open"
            cells = (
                status,
                "" if e.probability is None else f"{e.probability}%",
                " ".join(e.statement.split()),
                e.due.isoformat() if e.due else "",
                e.analyst,
                (e.title + (" (colleague)" if e.team else ""))[:200],
                e.pid,
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setToolTip(plain(_tip(e)))
                if is_due:
                    item.setBackground(DUE)
                    item.setForeground(DUE_TEXT)
                self.table.setItem(row, col, item)
        self._selection()

    def _scores(self) -> None:
        key = GROUPS[self.group.currentIndex()][0]
        rows = scores_by(self.entries, key)
        self.scores.setRowCount(len(rows))
        for r, s in enumerate(rows):
            brier = "—" if s.brier is None else f"{s.brier:.3f}"
            for c, text in enumerate((s.group, str(s.scored), brier, str(s.open))):
                self.scores.setItem(r, c, QTableWidgetItem(text))
        cal = calibration(self.entries, "All predictions in the ledger")
        brier = "no scored predictions yet" if cal.brier is None else f"Brier {cal.brier:.3f}"
        self.summary.setText(
            f"Calibration over {cal.resolved} scored prediction(s) ({brier}; 0 is perfect, "
            "always saying 50% scores 0.250)."
        )
        self.service.run("chart", lambda _idx: calibration_svg(cal))

    # -- actions ---------------------------------------------------------------------------

    def current_entry(self) -> LedgerEntry | None:
        row = self.table.currentRow()
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def _selection(self) -> None:
        e = self.current_entry()
        self.record.setEnabled(e is not None)
        if e is None:
            self.selected.setText("Select a prediction to record its outcome.")
            return
        was = f" — recorded: {OUTCOME_WORDS[e.outcome.outcome]}" if e.outcome else ""
        self.selected.setText(f"{' '.join(e.statement.split())[:300]}{was}")

    def _record(self) -> None:
        e = self.current_entry()
        if e is None:
            return
        outcome = OUTCOMES[self.outcome.currentIndex()][0]
        day = self.when.date().toString("yyyy-MM-dd")
        note, pid = self.note.text(), e.pid

        def work(idx: MemoryIndex) -> str:
            record_outcome(idx, pid, outcome, note=note, day=day)
            return f"Recorded: {OUTCOME_WORDS[outcome].lower()} ({day})"

        self.note.clear()
        self.service.run("ledger-changed", work)

    def _export(self, suffix: str) -> None:
        kind = "CSV (*.csv)" if suffix == ".csv" else "Briefing ledger (*.bfledger)"
        name, _ = QFileDialog.getSaveFileName(self, "Export the ledger", f"ledger{suffix}", kind)
        if not name:
            return
        path = Path(name) if Path(name).suffix else Path(name + suffix)
        write = export_csv if suffix == ".csv" else export_ledger
        self.service.run(
            "ledger-changed", lambda idx: f"Exported {write(idx, path)} to {path.name}"
        )

    def _merge(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Merge a colleague's ledger", "", "Briefing ledger (*.bfledger *.json)"
        )
        if name:
            self.service.run(
                "ledger-changed", lambda idx: _merged(merge_ledger(idx, Path(name)), Path(name))
            )

    def _appendix(self) -> None:
        self.appendix_requested.emit(self.entries)


def _merged(report: MergeReport, path: Path) -> str:
    text = f"{path.name}: {report.summary()}"
    if report.conflicts or report.skipped:
        text += " — " + "; ".join((report.conflicts + report.skipped)[:3])
    return text


def _tip(e: LedgerEntry) -> str:
    lines = [" ".join(e.statement.split())]
    if e.criteria:
        lines.append(f"Resolution criteria: {e.criteria}")
    if e.indicators:
        lines.append("Indicators: " + "; ".join(e.indicators))
    if e.history:
        moves = ", ".join(f"{p}%" if p is not None else "?" for _m, p in e.history)
        lines.append(f"Earlier editions: {moves}")
    if e.outcome and e.outcome.note:
        lines.append(f"Outcome note: {e.outcome.note}")
    return "\n".join(line[:500] for line in lines)
