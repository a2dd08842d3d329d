#!/usr/bin/env bash
# The tools `make package-test` needs, checked before `make package` spends minutes building:
# missing ones are installed with apt-get where this runs as root on Debian or Ubuntu, and
# otherwise named with the command that installs them (exit code 2).
#
#   packaging/package_tools.sh           # check, and install what is missing where it can
#   packaging/package_tools.sh --check   # check only
set -uo pipefail

# command -> the Debian package that provides it
TOOLS=(xvfb-run:xvfb xdotool:xdotool import:imagemagick desktop-file-validate:desktop-file-utils
       appstreamcli:appstream)

missing_packages() {
    local entry
    for entry in "${TOOLS[@]}"; do
        command -v "${entry%%:*}" >/dev/null 2>&1 || printf '%s\n' "${entry#*:}"
    done
}

missing=$(missing_packages | tr '\n' ' ')
missing=${missing% }
[ -z "$missing" ] && exit 0

if [ "${1:-}" != "--check" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "package-test needs $missing; installing with apt-get."
    # shellcheck disable=SC2086  # one word per package
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null
    missing=$(missing_packages | tr '\n' ' ')
    missing=${missing% }
    [ -z "$missing" ] && exit 0
fi
echo "package-test needs tools this machine lacks; install them first: sudo apt-get install $missing" >&2
exit 2
