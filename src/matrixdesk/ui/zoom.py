"""Zoom steps: the reader's text size, shared by the page, the grid and the search results."""

ZOOM_STEP = 1.1
ZOOM_RANGE = range(-4, 9)


def zoom_scale(steps: int) -> float:
    """The size factor for a number of zoom steps (0 = 100 %)."""
    return ZOOM_STEP**steps


def clamp_zoom(steps: int) -> int:
    """`steps` kept within the zoom range."""
    return max(ZOOM_RANGE.start, min(ZOOM_RANGE.stop - 1, steps))
