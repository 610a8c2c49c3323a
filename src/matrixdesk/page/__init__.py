"""The reader's pages, built from core view data with no Qt.

`state` is what a reader has chosen on a page (folds, filter, highlight); `build` makes a page
from view data and a state, as HTML for the reading pane and as plain text (for copying and
`matrixdesk render`) from the same parts, so the two never disagree about what a page says.
"""
