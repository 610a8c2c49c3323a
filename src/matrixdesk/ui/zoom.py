"""Zoom steps: the reader's text size, for all the app draws (the application's font, see
`app_zoom`) and the page's reading font alike."""

ZOOM_STEP = 1.1
ZOOM_RANGE = range(-4, 9)  # to 214 % (1.1**8): past the 200 % large-text users are promised


def zoom_scale(steps: int) -> float:
    """The size factor for a number of zoom steps (0 = 100 %)."""
    return ZOOM_STEP**steps


def clamp_zoom(steps: int) -> int:
    """`steps` kept within the zoom range."""
    return max(ZOOM_RANGE.start, min(ZOOM_RANGE.stop - 1, steps))
