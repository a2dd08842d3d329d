#!/bin/sh
# Remove the aegui that install.sh put into ~/.local: the files it lists in its manifest, the
# folders it made, and the app folder. Your runs, settings and datasets are kept (they live in
# the folders File > Preferences shows); delete those yourself if you want them gone too.
set -eu

QUIET=${1:-}
PREFIX=${PREFIX:-$HOME/.local}
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
APP=$(cd "$(dirname "$0")" && pwd)
MANIFEST=$APP/install-manifest.txt

if [ ! -f "$MANIFEST" ]; then
    echo "uninstall.sh: $MANIFEST is missing; is aegui installed here?" >&2
    exit 1
fi
grep '^file ' "$MANIFEST" | cut -c6- | while IFS= read -r path; do
    rm -f "$path"
done
dirs=$(grep '^dir ' "$MANIFEST" | cut -c5-)
rm -rf "$APP"
# The folders install.sh made, deepest first, if nothing else has moved in since.
printf '%s\n' "$dirs" | while IFS= read -r dir; do
    [ -n "$dir" ] && [ -d "$dir" ] && rmdir "$dir" 2>/dev/null || true
done

if [ -f "$DATA/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
fi
if [ -f "$DATA/applications/mimeinfo.cache" ] && command -v update-desktop-database >/dev/null; then
    update-desktop-database -q "$DATA/applications" || true
fi
if [ -f "$DATA/mime/mime.cache" ] && command -v update-mime-database >/dev/null; then
    update-mime-database "$DATA/mime" || true  # experiment.pt's file type
fi
[ "$QUIET" = "--quiet" ] || echo "aegui is removed. Your runs and settings are kept."
