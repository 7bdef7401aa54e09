#!/usr/bin/env bash
# Installs the .deb with dpkg -i, checks what it put where, runs the smoke
# test against the installed /usr/bin/whatmatters, then removes it. Needs
# root: it runs as root, or in CI with sudo; otherwise it says so and skips.
# Usage: scripts/test-installer.sh [package.deb]
set -euo pipefail
cd "$(dirname "$0")/.."
deb=${1:-build/installer/whatmatters_$(scripts/version.sh)_amd64.deb}
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  if [[ -z ${CI:-} ]]; then
    echo "test-installer: skipped: installing the .deb needs root (it runs in CI, or as root)"
    exit 0
  fi
  sudo="sudo -n"
fi
if dpkg-query -W -f='${Status}' whatmatters 2>/dev/null | grep -q "install ok installed"; then
  echo "test-installer: skipped: whatmatters is already installed on this computer; not replacing it"
  exit 0
fi
trap '$sudo dpkg -r whatmatters >/dev/null 2>&1 || true' EXIT

$sudo dpkg -i "$deb" >/dev/null
for f in /usr/bin/whatmatters /usr/share/applications/whatmatters.desktop \
  /usr/share/icons/hicolor/256x256/apps/whatmatters.png /usr/share/icons/hicolor/48x48/apps/whatmatters.png; do
  [[ -e $f ]] || { echo "test-installer: $f was not installed"; exit 1; }
done
dpkg-query -W -f='${Depends}\n' whatmatters | grep -q 'libwebkit2gtk-4.1-0' ||
  { echo "test-installer: the package does not depend on WebKitGTK 4.1"; exit 1; }
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate /usr/share/applications/whatmatters.desktop
fi

scripts/smoke.sh /usr/bin/whatmatters

$sudo dpkg -r whatmatters >/dev/null
[[ ! -e /usr/bin/whatmatters ]] || { echo "test-installer: dpkg -r left /usr/bin/whatmatters"; exit 1; }
trap - EXIT
echo "test-installer: deb: ok"
