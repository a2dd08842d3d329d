"""What goes into the PyInstaller bundle, and what is left out of it.

``aegui.spec`` reads these lists; ``tests/test_packaging_files.py`` checks them. A path pattern
is matched (``fnmatch``, ``/`` separators) against where a file lands inside the bundle.
"""

from __future__ import annotations

import posixpath
from fnmatch import fnmatch
from pathlib import Path

APP_NAME = "aegui"
BUNDLE_ID = "io.github.aegui"

# The runtime package data the app cannot start without: the offline dataset, the model the
# Latent tab opens on, the window icon, and the report template.
REQUIRED_DATA = (
    "aegui/resources/mnist-10k.npz",
    "aegui/resources/demo-conv-vae.pt",
    "aegui/resources/aegui.png",
    "aegui/core/report/report.html.j2",
    "aegui/resources/i18n/aegui_pcm.qm",  # the window in Nigerian Pidgin
)

# Python modules the app never imports. The Qt ones take their shared libraries and plugins
# with them (see EXCLUDED_FILES); the rest are optional imports of our dependencies.
EXCLUDED_MODULES = (
    # Qt: QML and Quick, the web engine, Designer and the other add-ons aegui does not use
    # (QtOpenGL stays: pyqtgraph imports it).
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest", "PySide6.QtQuick3D", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick", "PySide6.QtWebChannel", "PySide6.QtWebSockets", "PySide6.QtDesigner",
    "PySide6.QtHelp", "PySide6.QtUiTools", "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtNetwork",
    "PySide6.QtConcurrent", "PySide6.QtDBus",
    "PySide6.QtSvgWidgets", "PySide6.QtXml", "PySide6.QtPdf", "PySide6.QtPdfWidgets",
    "PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets", "PySide6.QtCharts", "PySide6.QtGraphs",
    "PySide6.Qt3DCore", "PySide6.Qt3DRender", "PySide6.QtRemoteObjects", "PySide6.QtScxml",
    # pyqtgraph's optional parts: 3-D (PyOpenGL), Jupyter, the example browser, other bindings.
    "pyqtgraph.opengl", "pyqtgraph.jupyter", "pyqtgraph.examples", "PyQt5", "PyQt6", "PySide2",
    "matplotlib", "IPython", "jupyter_rfb",
    # PyTorch's tools for developers (torch.testing._internal stays: torch.utils.checkpoint imports it).
    "torch.utils.tensorboard", "tensorboard", "torch.utils.benchmark",
    "torch.utils.bottleneck", "caffe2",
    # Test runners and tool kits that no one imports at run time.
    "tkinter", "pytest", "hypothesis", "pip", "PyInstaller", "readline", "curses",
)

# Files (binaries and data) dropped after the analysis. Qt pulls some of these in through
# plugins whose Python module was excluded, PyTorch's wheel carries its build kit.
EXCLUDED_FILES = (
    # Qt: its translations (but those of aegui's own languages: see kept_qt_translations),
    # QML, and the libraries behind it.
    "PySide6/Qt/translations/*",
    "PySide6/Qt/qml/*",
    "PySide6/Qt/lib/libQt6Qml*", "PySide6/Qt/lib/libQt6Quick*", "PySide6/Qt/lib/libQt6WebEngine*",
    "PySide6/Qt/lib/libQt6Designer*", "PySide6/Qt/lib/libQt6Pdf*", "PySide6/Qt/lib/libQt6VirtualKeyboard*",
    "PySide6/Qt/lib/libQt6ShaderTools*", "PySide6/Qt/lib/libQt6Network*",
    "PySide6/Qt/plugins/designer/*", "PySide6/Qt/plugins/qmllint/*", "PySide6/Qt/plugins/qmltooling/*",
    "PySide6/Qt/plugins/networkinformation/*", "PySide6/Qt/plugins/tls/*",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin*",
    "PySide6/Qt/plugins/imageformats/libqpdf*", "PySide6/Qt/plugins/generic/libqtuiotouchplugin*",
    # The GTK platform theme would pull GTK 3 in; the portal theme serves the desktop's dialogs.
    "PySide6/Qt/plugins/platformthemes/libqgtk3*", "PySide6/Qt/lib/libQt6EglFS*",
    # Display back ends for embedded devices: the desktop needs xcb, wayland and offscreen.
    "PySide6/Qt/plugins/platforms/libqeglfs*", "PySide6/Qt/plugins/platforms/libqlinuxfb*",
    "PySide6/Qt/plugins/platforms/libqvnc*", "PySide6/Qt/plugins/platforms/libqvkkhrdisplay*",
    "PySide6/Qt/plugins/platforms/libqminimalegl*", "PySide6/Qt/plugins/egldeviceintegrations/*",
    # PyTorch's C++ headers, CMake files, static libraries, test binaries and test libraries.
    "torch/include/*", "torch/share/*", "torch/bin/*", "torch/test/*", "torch/lib/*.a",
    "torch/lib/lib*test*", "torch/lib/libbackend_with_compiler*", "torch/lib/libaoti_custom_ops*",
    # torchvision's compiled detection ops and image decoders (and the CUDA libraries a Linux
    # wheel links them to): aegui uses torchvision's datasets only, which are plain Python and
    # Pillow. pyi_rth_torchvision_ops.py lets torchvision import without them.
    "torchvision/_C*", "torchvision/image*", "torchvision/video_reader*", "torchvision/*.dll",
    "torchvision.libs/*", "torchvision/.dylibs/*", "libcudart*", "libnvjpeg*",
    # Headers and type stubs anywhere; nothing at run time reads them.
    "*.h", "*.hpp", "*.cuh", "*.pyi",
)

# Kept although a pattern above matches: torch imports fail without its shared-memory manager.
KEPT_FILES = ("torch/bin/torch_shm_manager",)

I18N = Path(__file__).resolve().parent.parent / "aegui" / "resources" / "i18n"


def kept_qt_translations(languages: list[str] | None = None) -> tuple[str, ...]:
    """Qt's own texts (dialog buttons, file dialogs) for each language aegui ships a catalogue
    of: ``qtbase_<lang>.qm`` where Qt has one. (Qt has none for Naijá; aegui's catalogue
    answers for its buttons.)"""
    if languages is None:
        languages = sorted(p.stem.removeprefix("aegui_") for p in I18N.glob("aegui_*.qm"))
    return tuple(f"PySide6/Qt/translations/qtbase_{language}.qm" for language in languages)


KEPT_QT_TRANSLATIONS = kept_qt_translations()

# On Linux the libraries every desktop has (X11 and xcb, fontconfig, GLib, D-Bus, OpenSSL...)
# come from the system, not from the build machine: the .deb declares them, and a bundled
# copy would not match the system's configuration files and drivers. Python's own library and
# what the wheels bring (PySide6/Qt/lib, torch/lib, *.libs) stay in the bundle.
SYSTEM_LIBRARY_DIRS = (
    "/lib", "/lib64", "/usr/lib", "/usr/lib64", "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
    "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
)

# The test suites inside these packages (``numpy.tests``, ``scipy.linalg.tests``...) are left
# out of the archive. Only these: elsewhere a module called ``tests`` may be real code (jinja2).
TEST_SUITE_PACKAGES = (
    "numpy", "scipy", "sklearn", "sympy", "mpmath", "networkx", "onnx", "onnxruntime", "onnxscript",
    "onnx_ir", "ml_dtypes", "pyqtgraph", "openTSNE", "PIL", "psutil", "torchvision", "narwhals",
)


def excluded_file(dest: str) -> bool:
    """True for a bundle path that EXCLUDED_FILES drops."""
    dest = dest.replace("\\", "/")
    if dest in KEPT_FILES or dest in KEPT_QT_TRANSLATIONS:
        return False
    return any(fnmatch(dest, pattern) for pattern in EXCLUDED_FILES)


def system_library(source: str) -> bool:
    """True for a shared library that a Linux bundle takes from the system instead."""
    source = source.replace("\\", "/")
    folder, name = source.rsplit("/", 1) if "/" in source else ("", source)
    return folder in SYSTEM_LIBRARY_DIRS and name.startswith("lib") and ".so" in name


def keep(entry: tuple[str, str, str], linux: bool) -> bool:
    """Whether an Analysis TOC entry (dest, source, kind) stays in the bundle. A symbolic link
    goes with its target, so no link is left pointing at a file that was dropped."""
    dest, source, kind = entry
    if excluded_file(dest):
        return False
    if kind == "SYMLINK":
        target = posixpath.normpath(posixpath.join(posixpath.dirname(dest.replace("\\", "/")), source))
        return not excluded_file(target)
    return not (linux and kind == "BINARY" and system_library(source))


def excluded_module(name: str) -> bool:
    """True for a module of a test suite (``scipy.linalg.tests.test_basic``)."""
    parts = name.split(".")
    return parts[0] in TEST_SUITE_PACKAGES and "tests" in parts[1:]
