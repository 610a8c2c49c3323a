"""Reading and working the real app through AT-SPI, as a screen reader does: session.py starts a
private desktop and the app, driver.py (run by Debian's Python, which has pyatspi) works it, and
trees.py reads what the driver reports. `python -m tests.atspi dump` prints the app's tree."""
