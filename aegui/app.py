"""Starting the desktop app, plus its automation hooks (``--selftest``, ``--screenshot``)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Sequence

from aegui import __version__

GUI_SWITCH_INTERVAL_S = 0.001


def _ensure_application():
    from aegui.core.device import limit_heap_arenas

    limit_heap_arenas()  # before Qt and PyTorch start their threads
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setOrganizationName("aegui")
    app.setApplicationName("aegui")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("aegui")  # Wayland docks match the window to aegui.desktop and its icon
    from aegui.ui.gc_guard import collect_on_gui_thread

    collect_on_gui_thread()
    # Every Qt call from Python gives up the GIL and takes it back; while worker threads run
    # Python between torch ops, each take-back can wait a whole switch interval (5 ms by
    # default). A paint of 64 captioned tiles makes hundreds of such calls: with three
    # workers busy on two cores it took seconds. At 1 ms the GUI thread gets the GIL back
    # five times sooner; the workers' ops, which run without the GIL, do not notice.
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
    return app


def build_main_window(settings=None):
    """The ready main window, without starting the event loop, in the chosen language
    (``AEGUI_LANG``, else Preferences › Language, else the system's)."""
    _ensure_application()
    from aegui.ui import i18n
    from aegui.ui.main_window import MainWindow
    from aegui.ui.paths import app_settings

    i18n.install(i18n.chosen_language(settings if settings is not None else app_settings()))
    return MainWindow(settings)


def _scratch_window():
    """A window for automation: its settings and runs go to a temporary folder, so a
    self-test or screenshot never changes the user's own settings or run history."""
    import tempfile

    os.environ["AEGUI_HOME"] = tempfile.mkdtemp(prefix="aegui-")
    return build_main_window()  # settings, runs and log all live under AEGUI_HOME


def _remove_scratch() -> None:
    """The temporary app folder of a self-test or screenshot run: nobody will open it."""
    import shutil

    home = os.environ.get("AEGUI_HOME", "")
    if os.path.basename(home).startswith("aegui-"):
        shutil.rmtree(home, ignore_errors=True)


def install_exception_hook(window) -> None:
    """Uncaught exceptions in slots are logged and shown, never fatal."""
    from aegui.ui.app_log import install_log
    from aegui.ui.paths import log_file

    logger = logging.getLogger("aegui")
    handler = install_log(log_file(), on_rollover=enable_crash_log)

    def hook(kind, value, tb):
        logger.error("Uncaught exception:\n%s", "".join(traceback.format_exception(kind, value, tb)))
        handler.flush()
        window.state.report_error("Something went wrong",
                                  f"{kind.__name__}: {value}. Details were written to {log_file()}.")

    sys.excepthook = hook
    enable_crash_log(log_file())


_CRASH_LOG = None  # kept open for the life of the process: faulthandler writes to it


def enable_crash_log(path) -> None:
    """A hard crash (a segfault, an abort in a C extension) leaves every thread's Python
    traceback at the end of the log file, where a bug report can quote it."""
    import faulthandler

    global _CRASH_LOG
    previous, _CRASH_LOG = _CRASH_LOG, open(path, "a", encoding="utf-8")  # kept open: it must outlive this call
    faulthandler.enable(file=_CRASH_LOG, all_threads=True)
    if previous is not None:  # the log rotated: the crash handler follows it to the new file
        previous.close()


def _wait_for(signal, timeout_ms: int) -> bool:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    fired = []
    signal.connect(lambda *a: (fired.append(a), loop.quit()))
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    return bool(fired)


def _load_bundled(window) -> bool:
    window.data_tab.load_spec("mnist-10k")
    return window.state.dataset is not None or _wait_for(window.data_tab.loadFinished, 30000)


def selftest() -> int:
    """One real run through the real worker: bundled data, one short epoch, one decode."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import torch

    window = _scratch_window()  # it sets the training threads, as the app does
    errors: list[str] = []
    window.state.errorRaised.connect(lambda title, message: errors.append(f"{title}: {message}"))
    if not _load_bundled(window) or window.state.dataset is None:
        print(f"selftest failed: the bundled data did not load {errors}", file=sys.stderr)
        return 1
    window.train_tab.apply_config(window.state.config.with_changes(
        model="conv-vae", epochs=1, latent_dim=2, hidden=16, batch_size=128, device="cpu"))
    finished = []
    window.controller.runFinished.connect(finished.append)
    if not window.start_training() or not _wait_for(window.controller.runFinished, 50000):
        window.controller.shutdown(3.0)
        print(f"selftest failed: training did not finish {errors}", file=sys.stderr)
        return 1
    model = window.state.model
    if not finished or not finished[0] or model is None:
        print(f"selftest failed: {errors or 'no model after training'}", file=sys.stderr)
        return 1
    with torch.inference_mode():
        image = model.decode(torch.zeros(1, model.latent_dim))
    if image.shape != (1, 1, 28, 28) or not torch.isfinite(image).all():
        print("selftest failed: decoding gave a bad image", file=sys.stderr)
        return 1
    loss = window.state.epoch_reports[-1].val_loss
    print(f"selftest ok: 1 epoch, validation loss {loss:.1f}, decoded {tuple(image.shape)}")
    window.close()
    _remove_scratch()
    return 0


TAB_NAMES = ("data", "train", "reconstruct", "latent", "analyze", "runs")  # in the window's order


def select_tab(window, tab: str) -> None:
    """Show the tab named ``tab`` in English (any case), whatever language the window
    speaks; a name no tab has changes nothing."""
    if tab.lower() in TAB_NAMES:
        window.tabs.setCurrentIndex(TAB_NAMES.index(tab.lower()))


def screenshot(path: str, tab: str | None, demo: bool, size: tuple[int, int]) -> int:
    window = _scratch_window()
    window.resize(*size)
    window.show()
    if not _load_bundled(window):
        print("screenshot: the bundled data did not load", file=sys.stderr)
        return 1
    if demo:
        window.train_tab.apply_config(window.state.config.with_changes(
            model="conv-vae", epochs=3, latent_dim=2, hidden=16))
        window.start_training()
        _wait_for(window.controller.runFinished, 240000)
    if tab:
        select_tab(window, tab)
    if tab and tab.lower() == "latent":
        _wait_for(window.latent_tab.embeddingReady, 60000)  # encoding runs in the background
    if tab and tab.lower() == "reconstruct" and window.state.model is not None:
        _wait_for(window.reconstruct_tab.pageShown, 30000)
    if tab and tab.lower() == "analyze" and window.state.model is not None:
        panel = window.analyze_tab.panels.currentWidget()
        if panel.result is None:
            _wait_for(panel.resultShown, 120000)
    from PySide6.QtWidgets import QApplication

    for _ in range(5):
        QApplication.processEvents()
    ok = window.grab().save(path)
    window.controller.shutdown(3.0)
    window.close()
    _remove_scratch()
    print(f"wrote {path}" if ok else f"could not write {path}")
    return 0 if ok else 1


def install_file_open_handler(app, window) -> None:
    """macOS opens files by event (a double-click in Finder, a drop on the Dock icon), not
    by the command line: each such file opens as ``aegui PATH`` would."""
    from PySide6.QtCore import QEvent, QObject

    class FileOpenHandler(QObject):
        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.FileOpen and event.file():
                window.open_paths([event.file()])
                return True
            return False

    handler = FileOpenHandler(app)
    app.installEventFilter(handler)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="aegui", description="A workbench for autoencoders. "
                                     "Run 'aegui train|eval|export --help' for the command line.")
    parser.add_argument("--selftest", action="store_true", help="train one short epoch headless and exit")
    parser.add_argument("--screenshot", metavar="PATH", help="render the window to a PNG and exit")
    parser.add_argument("--tab", help="the tab to open on, or with --screenshot to show (Data, Train, "
                        "Reconstruct, Latent, Analyze, Runs)")
    parser.add_argument("--demo", action="store_true", help="with --screenshot: train briefly first")
    parser.add_argument("--size", default="1280x800", help="with --screenshot: window size WxH")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="a run folder, an experiment file, or a dataset (file or folder) to open")
    args = parser.parse_args(list(argv or []))
    if args.selftest:
        return selftest()
    if args.screenshot:
        w, h = (int(v) for v in args.size.lower().split("x"))
        return screenshot(args.screenshot, args.tab, args.demo, (w, h))
    from aegui.display_check import display_problem

    problem = display_problem()  # Qt would abort the process; say what to install instead
    if problem:
        print(problem, file=sys.stderr)
        return 2
    app = _ensure_application()
    window = build_main_window()  # it sets torch's threads from the Preferences
    install_exception_hook(window)
    from aegui.ui import quit_on_signals

    quit_on_signals.install(window)
    from aegui.ui.paths import remove_stale_run_files

    remove_stale_run_files()  # what a run killed mid-write left behind
    if args.tab:
        select_tab(window, args.tab)
    if os.environ.get("AEGUI_STARTUP_LOG"):  # start-up milestones, for bench/cold_start.py
        from aegui.ui.startup_probe import install

        install(window)
    install_file_open_handler(app, window)
    window.show()
    if args.paths:
        window.open_paths(args.paths)
    else:
        window.start_with_last_dataset()
    code = app.exec()
    from aegui.workers.tasks import running_task_threads

    if running_task_threads():
        # A job ignored its cancel flag past the close timeout (settings are saved): end
        # now, rather than let its thread be destroyed while running, which Qt aborts on.
        logging.shutdown()
        os._exit(code)
    return code
