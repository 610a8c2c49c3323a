"""MatrixDesk: an offline reader for the Effectiveness Bank Alcohol and Drug Treatment Matrices."""

from typing import Any


def __getattr__(name: str) -> Any:
    # Looked up on first use only: importlib.metadata costs ~35 ms, a tenth of the reader's start.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("matrixdesk")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0+unknown"
    raise AttributeError(name)
