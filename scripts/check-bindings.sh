#!/usr/bin/env bash
# Checks that the committed frontend/wailsjs bindings match the Go code, by
# generating them afresh and comparing. Leaves the committed files in place.
set -euo pipefail
cd "$(dirname "$0")/.."
saved=$(mktemp -d)
trap 'rm -rf frontend/wailsjs && cp -r "$saved/wailsjs" frontend/wailsjs && rm -rf "$saved"' EXIT
cp -r frontend/wailsjs "$saved/wailsjs"
${WAILS:-go run github.com/wailsapp/wails/v2/cmd/wails@v2.11.0} generate module >/dev/null
if ! diff -r "$saved/wailsjs" frontend/wailsjs; then
  echo "The committed frontend/wailsjs bindings are out of date. Run 'make bindings' and commit them." >&2
  exit 1
fi
echo "bindings: up to date"
