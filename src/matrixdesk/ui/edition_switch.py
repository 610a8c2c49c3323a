"""Switching the reader to a newer pack edition: a window on the new edition at the same place
(page, folds, the text at the top), the old one closed. The old pack stays open until MatrixDesk
exits, as a window being closed may still be reading from it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from matrixdesk.core.pack import PackError
from matrixdesk.core.store import ContentStore
from matrixdesk.editions.choose import choose
from matrixdesk.editions.places import Places
from matrixdesk.ui.history import Visit
from matrixdesk.ui.main_window import MainWindow
from matrixdesk.ui.pack_editions import PackEditions

# (the new edition's store, where the reader was, the pack it replaces) -> the new window
Reopen = Callable[[ContentStore, Visit | None, Path], MainWindow]


def attach_editions(
    window: MainWindow, store: ContentStore, where: Places, previous: Path | None = None
) -> PackEditions:
    """File > Install content pack…, Help > What's new in this pack, and the offer of newer
    editions, in `window`. The offer is looked for as the window is activated and as the home
    grid is shown."""
    editions = PackEditions(window, store, where, previous)
    actions = window.window_actions
    actions.file_menu.insertAction(actions.file_menu.actions()[1], editions.install_action)
    actions.help_menu.insertAction(actions.about, editions.whats_new)
    window.addActions([editions.install_action, editions.whats_new])
    window.page_shown.connect(
        lambda address: editions.look_for_newer() if address == window.home_address() else None
    )
    return editions


class EditionSwitch(QObject):
    """Follows the reader's window from edition to edition, adding each pack it opens to
    `stores` (the launcher closes them all at the end)."""

    def __init__(
        self,
        window: MainWindow,
        stores: list[ContentStore],
        reopen: Reopen,
        present: Callable[[MainWindow], None],
    ) -> None:
        super().__init__(QApplication.instance())  # lives as long as the application
        self.stores = stores
        self.reopen = reopen
        self.present = present
        self.window = window
        self._follow(window)

    def _follow(self, window: MainWindow) -> None:
        editions = window.findChild(PackEditions)
        if editions is not None:
            editions.switch_requested.connect(lambda _path: self.switch(window, editions))

    def switch(self, old: MainWindow, editions: PackEditions) -> MainWindow | None:
        """Open the newest usable edition (checked again: it may have changed since it was
        offered) where `old` is, and close `old`; None, after saying why, if it cannot be."""
        chosen = choose(editions.where, newer_than=editions.edition)
        if chosen.store is None:
            old.tell("The newer edition can no longer be used; `matrixdesk info` says why.", 8000)
            return None
        was = editions.store.summary().edition
        try:
            new = self.reopen(chosen.store, old.leaving_visit(), editions.store.path)
        except PackError as error:
            chosen.store.close()
            old.tell(f"The newer edition cannot be read: {error.problem}", 8000)
            return None
        self.stores.append(chosen.store)
        new.restoreGeometry(old.saveGeometry())
        self.present(new)
        self._follow(new)
        self.window = new
        old.close()
        old.deleteLater()
        new.tell(
            f"Now showing edition {chosen.store.summary().edition} of the content pack (was "
            f"{was}). Help > What's new in this pack lists what changed.",
            15000,
        )
        return new

    def close_stores(self) -> None:
        for store in self.stores:
            store.close()
