#!/usr/bin/env bash
# Builds the Linux package, build/installer/whatmatters_VERSION_amd64.deb,
# from the production binary: /usr/bin/whatmatters, a desktop entry, the
# icon at the hicolor sizes, and the WebKitGTK 4.1 and GTK 3 runtime
# libraries as dependencies. Usage: scripts/deb.sh [binary]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/bin/whatmatters}
version=$(scripts/version.sh)
out=build/installer
deb=$out/whatmatters_${version}_amd64.deb
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
chmod 755 "$root"

install -Dm755 "$bin" "$root/usr/bin/whatmatters"
install -Dm644 build/linux/whatmatters.desktop "$root/usr/share/applications/whatmatters.desktop"
for size in 16 24 32 48 64 128 256 512; do
  dir=$root/usr/share/icons/hicolor/${size}x${size}/apps
  mkdir -p "$dir"
  convert build/appicon.png -resize "${size}x${size}" -strip "$dir/whatmatters.png"
done
install -Dm644 build/linux/copyright "$root/usr/share/doc/whatmatters/copyright"

mkdir -p "$root/DEBIAN"
cat >"$root/DEBIAN/control" <<CONTROL
Package: whatmatters
Version: $version
Architecture: amd64
Maintainer: What Matters team <whatmatters@localhost>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: libc6, libgtk-3-0, libwebkit2gtk-4.1-0
Section: misc
Priority: optional
Description: Personalised care and support planning meetings, offline
 What Matters helps a coordinator prepare, hold and record personalised
 care and support planning meetings, and print the agreed plan. It keeps
 everything in one encrypted database on this computer and needs no network.
CONTROL
mkdir -p "$out"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
