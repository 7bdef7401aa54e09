#!/usr/bin/env bash
# Prints the app's version: info.productVersion in wails.json.
set -euo pipefail
cd "$(dirname "$0")/.."
v=$(sed -n 's/.*"productVersion": *"\([^"]*\)".*/\1/p' wails.json)
[[ $v =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "version.sh: no productVersion in wails.json" >&2; exit 1; }
echo "$v"
