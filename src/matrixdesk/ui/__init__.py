"""The PySide6 reader. Widgets read content only through `matrixdesk.core.store.ContentStore`."""
