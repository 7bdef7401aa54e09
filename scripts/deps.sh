#!/usr/bin/env bash
# Installs what building and testing What Matters needs on Debian/Ubuntu,
# skipping whatever is already there. Usage: scripts/deps.sh [run|test|installer]
set -euo pipefail
cd "$(dirname "$0")/.."

need=(libgtk-3-dev libwebkit2gtk-4.1-dev pkg-config build-essential)
# Building the installers: icons drawn at each size, the Windows
# installer (NSIS) and its signature.
if [[ "${1:-run}" == test || "${1:-run}" == installer ]]; then
  need+=(imagemagick nsis osslsigncode openssl)
fi
if [[ "${1:-run}" == test ]]; then
  need+=(xvfb xauth chromium xdotool imagemagick poppler-utils qpdf libnss3-tools sqlite3)
  # Printing through a real scheduler: the test starts a cupsd of its own
  # with a CUPS-PDF queue (print_cups_test.go).
  need+=(cups printer-driver-cups-pdf)
fi

missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing system packages: ${missing[*]}"
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v go >/dev/null || { echo "Go 1.26 is needed: https://go.dev/dl/" >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js 20 and npm are needed" >&2; exit 1; }

# npm packages: reinstall only when package-lock.json changed since the last install.
stamp=frontend/node_modules/.package-lock.json
if [[ ! -f $stamp || frontend/package-lock.json -nt $stamp ]]; then
  echo "Installing npm packages"
  (cd frontend && npm ci --no-fund --no-audit --loglevel=error)
fi
