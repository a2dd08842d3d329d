#!/bin/sh
# Install aegui for the current user: the app into ~/.local/lib/aegui, the command into
# ~/.local/bin, and the menu entry, icons and AppStream file into ~/.local/share. No root.
#
#     ./install.sh             (PREFIX=~/.local by default; XDG_DATA_HOME is honoured)
#
# ~/.local/lib/aegui/uninstall.sh removes everything this script wrote, and nothing else.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-$HOME/.local}
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
APP=$PREFIX/lib/aegui
MANIFEST=$APP/install-manifest.txt

if [ ! -x "$HERE/aegui/aegui" ]; then
    echo "install.sh: run it from the unpacked aegui folder (aegui/aegui is missing)" >&2
    exit 1
fi
if [ -e "$APP" ]; then
    echo "Removing the aegui already installed in $APP"
    if [ -x "$APP/uninstall.sh" ]; then "$APP/uninstall.sh" --quiet; else rm -rf "$APP"; fi
fi

created=""
make_dir() {  # mkdir -p that remembers each folder it made, so uninstall.sh can remove it
    [ -d "$1" ] && return 0
    make_dir "$(dirname "$1")"
    mkdir "$1"
    created="$1
$created"
}

make_dir "$APP"
cp -R "$HERE/aegui/." "$APP/"
cp "$HERE/uninstall.sh" "$APP/uninstall.sh"
chmod 755 "$APP/uninstall.sh"
files=""
put() {  # put SOURCE DEST [MODE]
    make_dir "$(dirname "$2")"
    cp "$1" "$2"
    chmod "${3:-644}" "$2"
    files="$files
$2"
}

make_dir "$PREFIX/bin"
ln -sf "$APP/aegui" "$PREFIX/bin/aegui"
files="$files
$PREFIX/bin/aegui"
# The menu entry names the program by its full path: ~/.local/bin is not always on PATH.
sed -e "s|^Exec=aegui|Exec=$APP/aegui|" -e "s|^TryExec=aegui|TryExec=$APP/aegui|" \
    "$HERE/share/applications/aegui.desktop" > "$HERE/aegui.desktop.tmp"
put "$HERE/aegui.desktop.tmp" "$DATA/applications/aegui.desktop"
rm -f "$HERE/aegui.desktop.tmp"
put "$HERE/share/metainfo/io.github.aegui.metainfo.xml" "$DATA/metainfo/io.github.aegui.metainfo.xml"
put "$HERE/share/mime/packages/aegui.xml" "$DATA/mime/packages/aegui.xml"
for icon in "$HERE"/share/icons/hicolor/*/apps/aegui.*; do
    size=$(basename "$(dirname "$(dirname "$icon")")")
    put "$icon" "$DATA/icons/hicolor/$size/apps/$(basename "$icon")"
done

{
    echo "# Written by aegui's install.sh; read by uninstall.sh."
    printf '%s\n' "$files" | sed '/^$/d' | sed 's/^/file /'
    printf '%s\n' "$created" | sed '/^$/d' | sed 's/^/dir /'
} > "$MANIFEST"

# Refresh the caches only where the desktop keeps them already.
if [ -f "$DATA/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
fi
if [ -f "$DATA/applications/mimeinfo.cache" ] && command -v update-desktop-database >/dev/null; then
    update-desktop-database -q "$DATA/applications" || true
fi
if [ -f "$DATA/mime/mime.cache" ] && command -v update-mime-database >/dev/null; then
    update-mime-database "$DATA/mime" || true  # experiment.pt's file type
fi

echo "aegui is installed in $APP."
echo "Start it from the applications menu, or run $PREFIX/bin/aegui."
case ":$PATH:" in *":$PREFIX/bin:"*) ;; *) echo "($PREFIX/bin is not on your PATH.)";; esac
echo "To remove it: $APP/uninstall.sh"
