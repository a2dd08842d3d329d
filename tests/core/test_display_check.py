"""Before Qt would abort for a missing X11 library or display, aegui names what to install and
exits with code 2."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from aegui.display_check import display_problem, install_advice, missing_libraries, uses_xcb, xcb_plugin

# What ldd printed for PySide6's xcb plugin on a Debian with libxcb-cursor0 but without two of
# the xcb-util libraries (Qt's own message named only xcb-cursor0 there).
LDD_WITH_GAPS = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f1f)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f1f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
"""


def fake_ldd(folder: Path, listing: str) -> Path:
    script = folder / "ldd"
    script.write_text(f"#!/bin/sh\ncat <<'EOF'\n{listing}EOF\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return folder


def test_qt_uses_x11_on_linux_unless_told_otherwise_or_on_wayland():
    assert uses_xcb({}, "linux")
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux")
    assert not uses_xcb({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not uses_xcb({}, "darwin") and not uses_xcb({}, "win32")


def test_the_advice_names_each_missing_library_and_its_package_once():
    advice = install_advice(["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    assert advice.startswith("aegui cannot open its window: Qt's X11 plugin needs libxcb-icccm.so.4, "
                             "libxcb-keysyms.so.1")
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1\n" in advice
    assert "sudo dnf install xcb-util-wm xcb-util-keysyms" in advice
    assert "sudo pacman -S xcb-util-wm xcb-util-keysyms" in advice
    odd = install_advice(["libfoo.so.9"])
    assert "apt-get" not in odd and "provide libfoo.so.9" in odd


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's X11 plugin is Linux's")
def test_ldd_is_asked_about_the_installed_plugin(tmp_path, monkeypatch):
    plugin = xcb_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"
    monkeypatch.setenv("PATH", f"{fake_ldd(tmp_path, LDD_WITH_GAPS)}{os.pathsep}{os.environ['PATH']}")
    assert missing_libraries(plugin) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert display_problem({"DISPLAY": ":0"}) == install_advice(["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    assert "no display" in display_problem({})
    assert display_problem({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's X11 plugin is Linux's")
def test_aegui_exits_2_with_the_install_line_instead_of_aborting(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=":99", AEGUI_HOME=str(tmp_path / "home"),
               PATH=f"{fake_ldd(tmp_path, LDD_WITH_GAPS)}{os.pathsep}{env['PATH']}")
    done = subprocess.run([sys.executable, "-m", "aegui"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "home").exists()
