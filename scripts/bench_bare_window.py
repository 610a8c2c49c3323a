"""The baseline for `make bench`: a bare PySide6 window with a QTextBrowser, nothing else.

Prints the wall-clock time of its first paint (and its peak memory), then quits; the benchmark
measures MatrixDesk's first painted grid the same way in the same run.
"""

import sys
import time

from peak_memory import peak_rss_kb
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"first-paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


app = QApplication(sys.argv[:1])
window = QMainWindow()
browser = QTextBrowser()
browser.setHtml("<p>Baseline window.</p>")
window.setCentralWidget(browser)
probe = FirstPaint()
browser.viewport().installEventFilter(probe)
window.resize(1100, 760)
window.show()
app.exec()
print(f"peak-rss-kb {peak_rss_kb()}", flush=True)
