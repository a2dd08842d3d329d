"""The only layer where Qt meets torch: QObject workers on QThreads."""
