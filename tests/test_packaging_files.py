"""The installers' source files agree with each other and with the package (no build, no network)."""

from __future__ import annotations

import configparser
import re
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import aegui

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
PACKAGING = ROOT / "packaging"
HICOLOR = RESOURCES / "icons" / "hicolor"

sys.path.insert(0, str(PACKAGING))
import bundle_contents  # noqa: E402


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(RESOURCES / "aegui.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_starts_the_command_with_an_icon_that_exists():
    entry = desktop_entry()
    assert entry["Type"] == "Application" and entry["Exec"].split()[0] == "aegui"
    assert entry["Terminal"] == "false"
    icon = entry["Icon"]
    sizes = sorted(int(d.name.split("x")[0]) for d in HICOLOR.iterdir())
    assert sizes[0] <= 16 and sizes[-1] >= 512
    for folder in HICOLOR.iterdir():
        png = folder / "apps" / f"{icon}.png"
        assert png_size(png) == tuple(int(v) for v in folder.name.split("x")), png
    assert (RESOURCES / "icons" / f"{icon}.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert (RESOURCES / "icons" / "aegui.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (RESOURCES / "icons" / "aegui.icns").read_bytes()[:4] == b"icns"


def test_metainfo_names_the_desktop_entry_release_and_screenshots_that_exist():
    root = ET.parse(RESOURCES / "io.github.aegui.metainfo.xml").getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == bundle_contents.BUNDLE_ID
    launchable = root.find("launchable")
    assert (RESOURCES / launchable.text).exists()
    assert root.findtext("icon") == desktop_entry()["Icon"]
    assert aegui.__version__ in [r.get("version") for r in root.iter("release")]
    images = [s.findtext("image") for s in root.iter("screenshot")]
    assert images
    base = re.escape("https://raw.githubusercontent.com/aegui/aegui/main/")
    for url in images:
        match = re.fullmatch(base + r"(resources/screenshots/.+\.png)", url)
        assert match, url
        assert png_size(ROOT / match.group(1))[0] >= 620  # AppStream's smallest screenshot width


def test_the_bundle_holds_the_dataset_demo_model_and_icon():
    for path in bundle_contents.REQUIRED_DATA:
        assert (ROOT / path).is_file(), path
        assert not bundle_contents.excluded_file(path)
    spec = (PACKAGING / "aegui.spec").read_text(encoding="utf-8")
    assert "contents.REQUIRED_DATA" in spec and 'collect_data_files("aegui")' in spec


def test_bundle_filters_drop_what_is_unused_and_keep_what_torch_needs():
    drop = ["PySide6/Qt/translations/qtbase_de.qm", "PySide6/Qt/lib/libQt6Quick.so.6", "torch/include/ATen/ATen.h",
            "PySide6/Qt/qml/QtQuick/Controls/qmldir", "torch/bin/test_api", "torch/lib/libtorchbind_test.so"]
    keep = ["torch/bin/torch_shm_manager", "torch/lib/libtorch_cpu.so", "PySide6/Qt/lib/libQt6Widgets.so.6",
            "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so"]
    assert all(bundle_contents.excluded_file(p) for p in drop)
    assert not any(bundle_contents.excluded_file(p) for p in keep)
    link = ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK")
    assert not bundle_contents.keep(link, linux=True)
    assert not bundle_contents.keep(("libX11.so.6", "/usr/lib/x86_64-linux-gnu/libX11.so.6", "BINARY"), linux=True)
    assert bundle_contents.keep(("libX11.so.6", "/usr/lib/x86_64-linux-gnu/libX11.so.6", "BINARY"), linux=False)
    assert bundle_contents.excluded_module("scipy.linalg.tests.test_basic")
    assert not bundle_contents.excluded_module("jinja2.tests")


def test_the_bundle_keeps_qts_own_translations_for_aegui_s_languages_only():
    # A language aegui ships keeps Qt's base catalogue (buttons, file dialogs), if Qt has one.
    assert bundle_contents.kept_qt_translations(["de", "pcm"]) == (
        "PySide6/Qt/translations/qtbase_de.qm", "PySide6/Qt/translations/qtbase_pcm.qm")
    assert "PySide6/Qt/translations/qtbase_pcm.qm" in bundle_contents.KEPT_QT_TRANSLATIONS
    assert not bundle_contents.excluded_file("PySide6/Qt/translations/qtbase_pcm.qm")
    # Other languages, and Qt's other catalogues, stay out.
    assert bundle_contents.excluded_file("PySide6/Qt/translations/qtbase_de.qm")
    assert bundle_contents.excluded_file("PySide6/Qt/translations/qt_help_pcm.qm")


def test_packaging_pins_and_entry_points():
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = {re.split(r"[=;]", r)[0].strip(): r for r in project["optional-dependencies"]["packaging"]}
    assert "==" in pins["pyinstaller"] and "==" in pins["pyinstaller-hooks-contrib"]
    constraints = (PACKAGING / "constraints.txt").read_text(encoding="utf-8")
    for name in ("pyinstaller", "pyinstaller-hooks-contrib"):
        assert pins[name].split(";")[0].strip() in constraints.splitlines()
    assert project["scripts"]["aegui"] == project["gui-scripts"]["aegui-gui"] == "aegui.__main__:main"


def test_windows_and_macos_recipes_name_files_that_exist():
    iss = (PACKAGING / "windows" / "aegui.iss").read_text(encoding="utf-8")
    icon = re.search(r"^SetupIconFile=\{#Root\}\\(.+)$", iss, re.M).group(1)
    assert (ROOT / icon.replace("\\", "/")).is_file()
    assert "{autoprograms}" in iss and "desktopicon" in iss
    spec = (PACKAGING / "aegui.spec").read_text(encoding="utf-8")
    assert "BUNDLE(" in spec and '"NSHighResolutionCapable": True' in spec
    assert (PACKAGING / "macos" / "dmg_settings.py").is_file()
    workflow = (ROOT / ".github" / "workflows" / "installers.yml").read_text(encoding="utf-8")
    for runner in ("ubuntu-", "windows-", "macos-"):
        assert runner in workflow
    assert "--selftest" in workflow and "packaging/build.py" in workflow


def test_package_test_names_its_missing_tools_before_building(tmp_path):
    """`make package-test` on a fresh machine built for minutes, then failed on a missing
    desktop-file-validate: the tools are checked first, and missing ones named with the
    command that installs them."""
    import shutil
    import subprocess

    bare = tmp_path / "bin"
    bare.mkdir()
    for tool in ("tr", "id"):  # all the check itself uses besides bash's builtins
        (bare / tool).symlink_to(shutil.which(tool))
    check = [shutil.which("bash"), str(PACKAGING / "package_tools.sh"), "--check"]
    done = subprocess.run(check, env={"PATH": str(bare)}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().endswith(
        "sudo apt-get install xvfb xdotool imagemagick desktop-file-utils appstream")
    for tool in ("xvfb-run", "xdotool", "import", "desktop-file-validate", "appstreamcli"):
        (bare / tool).write_text("#!/bin/sh\n")
        (bare / tool).chmod(0o755)
    done = subprocess.run(check, env={"PATH": str(bare)}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == ""
    assert "packaging/package_tools.sh\n\t$(MAKE) package" in (ROOT / "Makefile").read_text()


def test_the_desktop_opens_experiment_files_with_aegui():
    """`Exec=aegui %F` with the experiment's MIME type: a double-clicked experiment.pt (or one
    given to Open with) opens in the window; other .pt files stay PyTorch's."""
    entry = desktop_entry()
    assert entry["Exec"] == "aegui %F"
    assert entry["MimeType"] == "application/x-aegui-experiment;"
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(RESOURCES / "aegui-mime.xml").getroot()
    [kind] = root.findall("m:mime-type", ns)
    assert kind.get("type") == "application/x-aegui-experiment"
    assert [g.get("pattern") for g in kind.findall("m:glob", ns)] == ["experiment.pt"]
    assert 'share / "mime" / "packages" / "aegui.xml"' in (PACKAGING / "build.py").read_text()
    assert "$DATA/mime/packages/aegui.xml" in (PACKAGING / "linux" / "install.sh").read_text()
