#!/usr/bin/env bash
# Builds the Windows x64 installer on Linux:
# build/installer/WhatMatters-VERSION-setup.exe, with the app inside
# (build/bin/whatmatters.exe, with its icon, version information and
# manifest from build/windows), both Authenticode-signed with osslsigncode.
#
# Signing: WHATMATTERS_SIGN_P12 names the organisation's code-signing
# certificate (a PKCS#12 file), WHATMATTERS_SIGN_PASSWORD its password, and
# WHATMATTERS_SIGN_TIMESTAMP an optional timestamp server. Without them the
# files are signed with a throwaway TEST certificate
# (build/installer/testcert), good for tests only.
# WHATMATTERS_WEBVIEW2_INSTALLER, if set, is an offline WebView2 Runtime
# installer to embed, run when a computer has no WebView2.
# Needs the frontend built (make build). Usage: scripts/windows.sh
set -euo pipefail
cd "$(dirname "$0")/.."
WAILS=${WAILS:-go run github.com/wailsapp/wails/v2/cmd/wails@v2.11.0}
version=$(scripts/version.sh)
out=$PWD/build/installer
exe=$PWD/build/bin/whatmatters.exe
setup=$out/WhatMatters-$version-setup.exe
mkdir -p "$out"

if [[ -z ${WHATMATTERS_SIGN_P12:-} ]]; then
  scripts/testcert.sh "$out/testcert"
  export WHATMATTERS_SIGN_P12=$out/testcert/testsign.p12 WHATMATTERS_SIGN_PASSWORD=test
  echo "windows: no WHATMATTERS_SIGN_P12: signing with a TEST certificate; not for distribution" >&2
fi
export WHATMATTERS_SIGN_LOG=$out/signed.txt
: >"$WHATMATTERS_SIGN_LOG"
[[ -r $WHATMATTERS_SIGN_P12 ]] || { echo "windows: cannot read $WHATMATTERS_SIGN_P12" >&2; exit 1; }

# Wails' build embeds the icon, manifest and version information (it
# writes the runtime's files again, losing their mode: put it back).
modes=$(stat -c '%a %n' frontend/wailsjs/runtime/*)
$WAILS build -platform windows/amd64 -s -skipbindings -trimpath -ldflags "-w -s" -o whatmatters.exe >"$out/wails-build.log" 2>&1 ||
  { cat "$out/wails-build.log"; exit 1; }
while read -r mode file; do chmod "$mode" "$file"; done <<<"$modes"
scripts/sign.sh "$exe"

nsis=(-V2 -WX -DVERSION="$version" -DEXE="$exe" -DOUTFILE="$setup" -DICON="$PWD/build/windows/icon.ico"
  -DSIGN="$PWD/scripts/sign.sh")
[[ -n ${WHATMATTERS_WEBVIEW2_INSTALLER:-} ]] && nsis+=(-DWEBVIEW2="$(realpath "$WHATMATTERS_WEBVIEW2_INSTALLER")")
makensis "${nsis[@]}" build/windows/installer.nsi
scripts/sign.sh "$setup"
echo "$setup"
