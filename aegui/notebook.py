"""``aegui.show``: the window, on an experiment, from IPython, Jupyter or a script.

In IPython and Jupyter the kernel's Qt event loop integration (``%gui qt``) is switched on,
as napari's viewer does, so the window stays live while the kernel takes more cells and
``show`` returns at once; in a plain script it blocks until the window is closed, as
Matplotlib's ``plt.show()`` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aegui.api import LoadedExperiment
    from aegui.ui.main_window import MainWindow

_open_windows: list[MainWindow] = []  # kept alive while shown: Python owns them, not the kernel


def _ipython():
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def _start_kernel_event_loop(shell) -> bool:
    """Let the kernel run Qt's events while it waits for input (``%gui qt``)."""
    try:
        shell.enable_gui("qt")
    except Exception:  # a shell without GUI support: the window shows, its events wait
        return False
    return True


def show(experiment: LoadedExperiment | str | Path | None = None, *, block: bool | None = None) -> MainWindow:
    """Open aegui's window, on ``experiment`` (a loaded experiment, a run folder or an
    experiment file) with its data, or where the last session ended. ``block``: wait until the
    window closes (default: only outside IPython). Returns the window."""
    from aegui.app import _ensure_application, build_main_window, install_exception_hook

    shell = _ipython()
    app = _ensure_application()
    if shell is not None:
        _start_kernel_event_loop(shell)
    window = build_main_window()
    install_exception_hook(window)
    if experiment is not None:
        path = getattr(experiment, "path", experiment)
        file = Path(path) / "experiment.pt" if Path(path).is_dir() else Path(path)
        window.files.open_experiment(str(file))
    window.show()
    window.raise_()
    window.start_with_last_dataset()
    _open_windows[:] = [w for w in _open_windows if w.isVisible()] + [window]
    if block if block is not None else shell is None:
        app.exec()
    return window
