#!/usr/bin/env bash
# Authenticode-signs a Windows file in place with osslsigncode (SHA-256).
# The certificate and key come from the PKCS#12 file named by
# WHATMATTERS_SIGN_P12, its password from WHATMATTERS_SIGN_PASSWORD
# (empty if unset). WHATMATTERS_SIGN_TIMESTAMP, if set, is an RFC 3161
# timestamp server's URL, so the signature outlives the certificate.
# Usage: scripts/sign.sh FILE.exe
set -euo pipefail
file=$1
p12=${WHATMATTERS_SIGN_P12:?sign.sh: set WHATMATTERS_SIGN_P12 to the signing certificate (.p12)}
args=(-pkcs12 "$p12" -pass "${WHATMATTERS_SIGN_PASSWORD:-}" -h sha256 -n "What Matters")
[[ -n ${WHATMATTERS_SIGN_TIMESTAMP:-} ]] && args+=(-ts "$WHATMATTERS_SIGN_TIMESTAMP")
osslsigncode sign "${args[@]}" -in "$file" -out "$file.signed" >/dev/null
mv -f "$file.signed" "$file"
# WHATMATTERS_SIGN_LOG, if set, lists what was signed (the tests read it).
[[ -z ${WHATMATTERS_SIGN_LOG:-} ]] || echo "$file" >>"$WHATMATTERS_SIGN_LOG"
