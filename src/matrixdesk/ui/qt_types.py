"""Type names for Qt values the UI passes around."""

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

ModelIndex = QModelIndex | QPersistentModelIndex
"""What a model or delegate method may be handed as an index."""
