"""Render the icon master (resources/icons/aegui.svg) to every size and format installers need.

    python packaging/make_icons.py

It writes resources/icons/hicolor/SIZExSIZE/apps/aegui.png (the freedesktop hicolor theme),
resources/icons/aegui.ico (Windows) and resources/icons/aegui.icns (macOS). The SVG is drawn by
Qt's SVG renderer, then Pillow packs the ICO and ICNS files. The window icon the app loads at
run time, aegui/resources/aegui.png, is the 256 px rendering, copied there with --window-icon.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
MASTER = ICONS / "aegui.svg"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(size: int):
    """The master at size × size pixels, as a Pillow RGBA image."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["make_icons", "-platform", "offscreen"])
    renderer = QSvgRenderer(str(MASTER))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--window-icon", action="store_true",
                        help="also replace aegui/resources/aegui.png with the 256 px rendering")
    args = parser.parse_args(argv)
    images = {size: render(size) for size in sorted(set(HICOLOR_SIZES + ICO_SIZES + ICNS_SIZES))}
    for size in HICOLOR_SIZES:
        out = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "aegui.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        images[size].save(out, optimize=True)
    images[256].save(ICONS / "aegui.ico", sizes=[(s, s) for s in ICO_SIZES],
                     append_images=[images[s] for s in ICO_SIZES if s != 256])
    images[1024].save(ICONS / "aegui.icns", append_images=[images[s] for s in ICNS_SIZES if s != 1024])
    if args.window_icon:
        images[256].save(ROOT / "aegui" / "resources" / "aegui.png", optimize=True)
    print(f"wrote {len(HICOLOR_SIZES)} hicolor PNGs, aegui.ico and aegui.icns under {ICONS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
