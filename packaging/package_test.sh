#!/usr/bin/env bash
# The smoke test of everything `make package` built on this machine (Linux, Debian or Ubuntu):
#
#   1. the wheel, installed into a clean venv: `aegui --version` and `aegui --selftest`;
#   2. the .deb, installed with apt-get: its files, `desktop-file-validate`, `appstreamcli
#      validate`, `/usr/bin/aegui --selftest`, then the app in a real X window under Xvfb:
#      one screenshot per tab (each must load the bundled data, and the six must differ) and
#      one of the whole screen while the app runs as a user starts it; then `apt-get remove`,
#      and nothing of it may be left;
#   3. the .tar.xz, installed for a user whose HOME is a new folder: install.sh, the
#      installed `aegui --selftest`, uninstall.sh, and nothing may be left under ~/.local.
#
# It needs root (or sudo) for the .deb, and xvfb-run, xdotool, ImageMagick's import,
# desktop-file-validate and appstreamcli (apt-get install xvfb xdotool imagemagick
# desktop-file-utils appstream). Screenshots go to build/package-test/.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' aegui/__init__.py)
OUT=build/package-test
WHEEL=dist/aegui-$VERSION-py3-none-any.whl
DEB=dist/aegui_${VERSION}_amd64.deb
TARBALL=dist/aegui-$VERSION-linux-x86_64.tar.xz
TABS=(Data Train Reconstruct Latent Analyze Runs)
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
export QT_QPA_PLATFORM=offscreen

step() { printf '\n== %s\n' "$*"; }
fail() { echo "package-test FAILED: $*" >&2; exit 1; }
png_size() {  # WIDTHxHEIGHT of a PNG, from its header
    python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$1"
}

for f in "$WHEEL" "$DEB" "$TARBALL"; do [ -f "$f" ] || fail "$f is missing; run make package"; done
rm -rf "$OUT" && mkdir -p "$OUT"

step "wheel: a clean venv, pip install $WHEEL"
rm -rf build/wheel-test-venv
python3 -m venv build/wheel-test-venv
CPU_TORCH=$(sed -n 's/^\(torch==.*\)$/\1+cpu/p' packaging/constraints.txt)
build/wheel-test-venv/bin/python -m pip install --quiet -c packaging/constraints.txt "$CPU_TORCH" "$WHEEL" \
    2>&1 | grep -v "^WARNING: Location" || true
build/wheel-test-venv/bin/aegui --version
[ -x build/wheel-test-venv/bin/aegui-gui ] || fail "the wheel made no aegui-gui script"
build/wheel-test-venv/bin/aegui --selftest
rm -rf build/wheel-test-venv

step "deb: apt-get install ./$DEB"
$SUDO apt-get install -y -q "./$DEB" >"$OUT/apt-install.log" 2>&1 || { cat "$OUT/apt-install.log"; fail "apt-get install"; }
tail -n 3 "$OUT/apt-install.log"
for f in /opt/aegui/aegui /usr/bin/aegui /usr/share/applications/aegui.desktop \
         /usr/share/metainfo/io.github.aegui.metainfo.xml /usr/share/icons/hicolor/256x256/apps/aegui.png \
         /usr/share/icons/hicolor/scalable/apps/aegui.svg /usr/share/doc/aegui/copyright; do
    [ -e "$f" ] || fail "the .deb did not install $f"
done
desktop-file-validate /usr/share/applications/aegui.desktop
appstreamcli validate --no-net /usr/share/metainfo/io.github.aegui.metainfo.xml
/usr/bin/aegui --version
/usr/bin/aegui --selftest

step "deb: the installed app in a real X window (Xvfb, xcb), one screenshot per tab"
for tab in "${TABS[@]}"; do
    # --screenshot exits 1 when the bundled data does not load in the window.
    QT_QPA_PLATFORM=xcb xvfb-run -a -s '-screen 0 1600x1000x24' \
        /usr/bin/aegui --screenshot "$OUT/installed-${tab,,}.png" --tab "$tab" --size 1280x800 \
        || fail "the $tab tab: no screenshot, or the bundled data did not load"
    [ "$(png_size "$OUT/installed-${tab,,}.png")" = 1280x800 ] || fail "the $tab screenshot has the wrong size"
done
distinct=$(sha256sum "$OUT"/installed-*.png | cut -d' ' -f1 | sort -u | wc -l)
[ "$distinct" = "${#TABS[@]}" ] || fail "only $distinct of ${#TABS[@]} tab screenshots differ: a tab is missing"
echo "six tabs (${TABS[*]}), each shown with the bundled data loaded: $OUT/installed-*.png"

step "deb: /usr/bin/aegui as a user starts it, captured from the X screen"
AEGUI_HOME=$(mktemp -d) QT_QPA_PLATFORM=xcb OUT="$OUT" xvfb-run -a -s '-screen 0 1600x1000x24' bash -c '
    /usr/bin/aegui & app=$!
    timeout 60 xdotool search --sync --onlyvisible --name "aegui" >/dev/null || { kill $app; exit 1; }
    sleep 8  # the bundled digits load in the background
    import -window root "$OUT/installed-window.png"
    kill $app; wait $app 2>/dev/null || true
    rm -rf "$AEGUI_HOME"' || fail "the installed app showed no window"
echo "wrote $OUT/installed-window.png ($(png_size "$OUT/installed-window.png"))"

step "deb: apt-get remove aegui"
$SUDO apt-get remove -y -q aegui >"$OUT/apt-remove.log" 2>&1 || { cat "$OUT/apt-remove.log"; fail "apt-get remove"; }
tail -n 2 "$OUT/apt-remove.log"
for f in /opt/aegui /usr/bin/aegui /usr/share/applications/aegui.desktop \
         /usr/share/metainfo/io.github.aegui.metainfo.xml /usr/share/icons/hicolor/256x256/apps/aegui.png \
         /usr/share/doc/aegui; do
    [ ! -e "$f" ] && [ ! -L "$f" ] || fail "apt-get remove left $f behind"
done
if dpkg-query -W -f='${Status}' aegui 2>/dev/null | grep -q installed; then fail "dpkg still lists aegui"; fi
echo "removed: /opt/aegui, /usr/bin/aegui, the menu entry, icons and metainfo are gone"

step "tarball: install.sh for a user with a new HOME"
USER_HOME=$(mktemp -d)
UNPACK=$(mktemp -d)
tar -C "$UNPACK" -xJf "$TARBALL"
(unset XDG_DATA_HOME PREFIX; HOME=$USER_HOME "$UNPACK/aegui-$VERSION-linux-x86_64/install.sh")
rm -rf "$UNPACK"
for f in .local/bin/aegui .local/lib/aegui/aegui .local/share/applications/aegui.desktop \
         .local/share/icons/hicolor/48x48/apps/aegui.png .local/share/metainfo/io.github.aegui.metainfo.xml; do
    [ -e "$USER_HOME/$f" ] || fail "install.sh did not install ~/$f"
done
desktop-file-validate "$USER_HOME/.local/share/applications/aegui.desktop"
HOME=$USER_HOME "$USER_HOME/.local/bin/aegui" --version
HOME=$USER_HOME "$USER_HOME/.local/bin/aegui" --selftest

step "tarball: uninstall.sh"
(unset XDG_DATA_HOME PREFIX; HOME=$USER_HOME "$USER_HOME/.local/lib/aegui/uninstall.sh")
[ ! -e "$USER_HOME/.local" ] || { find "$USER_HOME/.local"; fail "uninstall.sh left files under ~/.local"; }
left=$(find "$USER_HOME" -mindepth 1 | sed "s|$USER_HOME|~|")
echo "left in HOME: ${left:-nothing}"
rm -rf "$USER_HOME"

step "package-test passed"
ls -la "$WHEEL" "$DEB" "$TARBALL"
du -sh dist/aegui
