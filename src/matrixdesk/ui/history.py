"""Back/Forward history of one window: addresses, each with the place it was left at."""

from __future__ import annotations

from dataclasses import dataclass

from matrixdesk.page.state import PageState
from matrixdesk.ui.reading_place import Spot


@dataclass
class Visit:
    """A place in the history, with how the reader left it: the text at the top of the view,
    folds, filter."""

    address: str
    spot: Spot | None = None
    state: PageState | None = None


class History:
    def __init__(self) -> None:
        self._visits: list[Visit] = []
        self._index = -1

    @property
    def current(self) -> Visit | None:
        return self._visits[self._index] if self._visits else None

    def visit(self, address: str) -> None:
        """Record a new place; anything ahead of the current one is forgotten, as in a browser."""
        if self.current and self.current.address == address:
            return
        del self._visits[self._index + 1 :]
        self._visits.append(Visit(address))
        self._index = len(self._visits) - 1

    def replace_current(self, address: str) -> None:
        """Let the current place stand for `address` instead (a search being refined); what
        lay ahead of it belonged to the old search, and is forgotten."""
        if self.current is not None:
            self.current.address = address
            del self._visits[self._index + 1 :]

    def can_go_back(self) -> bool:
        return self._index > 0

    def can_go_forward(self) -> bool:
        return self._index < len(self._visits) - 1

    def back(self) -> Visit | None:
        if not self.can_go_back():
            return None
        self._index -= 1
        return self._visits[self._index]

    def forward(self) -> Visit | None:
        if not self.can_go_forward():
            return None
        self._index += 1
        return self._visits[self._index]
