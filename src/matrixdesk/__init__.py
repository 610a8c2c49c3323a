"""MatrixDesk: an offline reader for the Effectiveness Bank Alcohol and Drug Treatment Matrices."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("matrixdesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
