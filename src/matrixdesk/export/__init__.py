"""Off the screen: pages laid out for paper, as PDF files or for a printer.

QtGui only, no widgets, so the command line can write PDFs without a display. `paged` is the
reusable part (HTML and a running header and footer -> pages, cut by `pagination` so each page
keeps room for its `footnotes`); `link_notes` turns a document's links and hover notes into
numbered footnotes; `printouts` builds the app's printouts from the page layer
(`matrixdesk.page.printable`, `matrixdesk.page.handout`). QtPrintSupport is loaded
only when a printer is used (`paged.PagedDocument.paint` takes one), never at start-up.
"""
