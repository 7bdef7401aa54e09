#!/usr/bin/env bash
# Checks the Windows installer make installer built: the exe, the
# uninstaller and the installer are Authenticode-signed and pass
# osslsigncode verify against the test root (or, with the organisation's
# certificate, WHATMATTERS_SIGN_CA), a changed byte or another root fails,
# and both carry their version information. The installer itself cannot
# run here (no Windows): what it does is in build/windows/installer.nsi.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(scripts/version.sh)
exe=build/bin/whatmatters.exe
setup=build/installer/WhatMatters-$version-setup.exe
ca=build/installer/testcert/testroot.pem
[[ -n ${WHATMATTERS_SIGN_P12:-} ]] && ca=${WHATMATTERS_SIGN_CA:-/etc/ssl/certs/ca-certificates.crt}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "test-windows-installer: $*"; exit 1; }

for f in "$exe" "$setup"; do
  osslsigncode verify -CAfile "$ca" -in "$f" >"$tmp/verify.txt" 2>&1 || { cat "$tmp/verify.txt"; fail "$f: signature not verified"; }
  grep -q "Signature verification: ok" "$tmp/verify.txt" || fail "$f: no good signature"
done
# makensis hands the uninstaller to sign.sh as a temporary file of its own.
[[ $(sed -n 2p build/installer/signed.txt) == */makensis* ]] ||
  fail "the uninstaller was not signed (signed: $(tr '\n' ' ' <build/installer/signed.txt))"
(($(wc -l <build/installer/signed.txt) == 3)) || fail "want 3 files signed: $(cat build/installer/signed.txt)"

# Another root does not vouch for them; a changed byte breaks the signature.
scripts/testcert.sh "$tmp/other" >/dev/null
osslsigncode verify -CAfile "$tmp/other/testroot.pem" -in "$setup" >/dev/null 2>&1 && fail "verified against a root that did not sign it"
cp "$setup" "$tmp/changed.exe"
printf 'X' | dd of="$tmp/changed.exe" bs=1 seek=$(($(stat -c %s "$setup") / 2)) conv=notrunc status=none
osslsigncode verify -CAfile "$ca" -in "$tmp/changed.exe" >/dev/null 2>&1 && fail "a changed installer still verified"

# An organisation's own certificate, named by WHATMATTERS_SIGN_P12.
osslsigncode remove-signature -in "$setup" -out "$tmp/unsigned.exe" >/dev/null
WHATMATTERS_SIGN_P12=$tmp/other/testsign.p12 WHATMATTERS_SIGN_PASSWORD=test WHATMATTERS_SIGN_LOG= \
  scripts/sign.sh "$tmp/unsigned.exe"
osslsigncode verify -CAfile "$tmp/other/testroot.pem" -in "$tmp/unsigned.exe" >/dev/null 2>&1 ||
  fail "not signed with the certificate named by WHATMATTERS_SIGN_P12"

# Version information (UTF-16 in the PE resources).
utf16() { printf '%s' "$1" | sed 's/./&\\x00/g; s/\./\\./g'; }
for f in "$exe" "$setup"; do
  for s in "What Matters" "ProductVersion" "$version"; do
    LC_ALL=C grep -aqP "$(utf16 "$s")" "$f" || fail "$f has no \"$s\" in its version information"
  done
done
echo "test-windows-installer: $setup: signed, verified, version $version: ok"
