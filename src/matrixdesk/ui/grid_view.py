"""The home page: the chosen matrix's name, the grid of its cells with their headings, and a
legend; all in a scroll area, so that at any window size and text size the grid grows taller
rather than cut off its text."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from matrixdesk.ui.grid_model import MatrixGridModel
from matrixdesk.ui.matrix_grid import MatrixGrid
from matrixdesk.ui.theme import Colours
from matrixdesk.ui.welcome_banner import WelcomeBanner

REVEAL_MARGIN = 12  # pixels kept in view around a button the keyboard moves to


class HomeView(QWidget):
    """The chosen matrix as a full-size grid, with its name and a legend."""

    def __init__(self, model: MatrixGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Both say what the pack says: plain text, never markup.
        self.title = QLabel()
        self.title.setObjectName("homeTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.7)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("homeSubtitle")
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setWordWrap(True)
        self.progress = QLabel()
        self.progress.setObjectName("homeProgress")
        self.progress.setWordWrap(True)
        self.progress.hide()  # until the user database is open
        self.table = MatrixGrid(model, compact=False)
        self.table.setObjectName("homeGrid")
        self.table.setAccessibleName("Matrix cells")
        self.legend = legend = QLabel()
        legend.setObjectName("homeLegend")
        legend.setWordWrap(True)
        self._render_legend()
        self.welcome = WelcomeBanner()
        # Everything on the home page; what paints first when it is shown (see launch.py).
        self.content = content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.welcome)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(content)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # The grid's buttons are the stops; moving among them scrolls (see `_reveal`).
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.verticalScrollBar().setAccessibleName("Scroll the matrix up and down")
        self.scroll_area.horizontalScrollBar().setAccessibleName("Scroll the matrix sideways")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        model.changed.connect(self._update_titles)
        self.table.current_changed.connect(self._reveal)

    def _render_legend(self) -> None:
        # The in-pack square in the teal the cells use, made readable on this palette.
        accent = Colours.from_palette(self.palette()).accent
        self.legend.setText(
            f'<span style="color:{accent}">&#9632;</span> Cell page in this pack &nbsp;&nbsp; '
            "&#9633; Title only (not in this pack) &nbsp;&nbsp; "
            "Arrow keys move, Enter opens; a column or row heading lists its five cells."
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._render_legend()

    @Slot(QWidget)
    def _reveal(self, button: QWidget) -> None:
        self.scroll_area.ensureWidgetVisible(button, REVEAL_MARGIN, REVEAL_MARGIN)

    @Slot()
    def _update_titles(self) -> None:
        matrix = self.table.grid_model.matrix
        if matrix is None:
            return
        self.title.setText(matrix.name)
        tagline = f"{matrix.tagline}. " if matrix.tagline else ""
        self.subtitle.setText(
            f"{tagline}Columns are the intervention level; rows the intervention type."
        )
