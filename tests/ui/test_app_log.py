"""The log file rotates, and takes Python's warnings (pyqtgraph's filled the terminal)."""

from __future__ import annotations

import logging
import warnings

from aegui.ui import app_log


def test_the_log_rotates_and_keeps_three_old_files(tmp_path, monkeypatch):
    monkeypatch.setattr(app_log, "LOG_BYTES", 10_000)
    rolled = []
    handler = app_log.install_log(tmp_path / "aegui.log", on_rollover=rolled.append)
    try:
        log = logging.getLogger("aegui.test")
        log.setLevel(logging.INFO)
        for i in range(2_000):
            log.info("line %d %s", i, "x" * 40)
        names = sorted(p.name for p in tmp_path.iterdir())
        assert names == ["aegui.log", "aegui.log.1", "aegui.log.2", "aegui.log.3"]
        assert all(p.stat().st_size <= 10_000 for p in tmp_path.iterdir())
        assert rolled and rolled[-1] == str(tmp_path / "aegui.log")  # the crash log follows
    finally:
        logging.captureWarnings(False)
        logging.getLogger("aegui").removeHandler(handler)
        logging.getLogger("py.warnings").removeHandler(handler)
        handler.close()


def test_python_warnings_go_to_the_log_not_the_terminal(tmp_path, capsys):
    handler = app_log.install_log(tmp_path / "aegui.log")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            warnings.warn("overflow encountered in cast (a library's)", RuntimeWarning, stacklevel=1)
        handler.flush()
        assert "overflow encountered in cast" in (tmp_path / "aegui.log").read_text()
        assert "overflow" not in capsys.readouterr().err
        again = app_log.install_log(tmp_path / "aegui.log")  # a second window: one handler, not two
        assert sum(isinstance(h, app_log.RotatingLog) for h in logging.getLogger("aegui").handlers) == 1
        handler = again
    finally:
        logging.captureWarnings(False)
        for name in ("aegui", "py.warnings"):
            logging.getLogger(name).removeHandler(handler)
        handler.close()
