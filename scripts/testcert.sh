#!/usr/bin/env bash
# Makes a throwaway test certificate authority and a code-signing
# certificate it issued, for signing test builds: DIR/testroot.pem (the
# root to verify against) and DIR/testsign.p12 (password "test"). Never
# for installers given to anyone. Usage: scripts/testcert.sh DIR
set -euo pipefail
dir=$1
mkdir -p "$dir"
cd "$dir"
[[ -f testsign.p12 && -f testroot.pem ]] && exit 0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl req -x509 -newkey rsa:3072 -nodes -days 30 -subj "/CN=What Matters TEST root (not trusted)" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$tmp/root.key" -out "$tmp/root.pem" 2>/dev/null
openssl req -newkey rsa:3072 -nodes -subj "/CN=What Matters TEST signing (not trusted)/O=What Matters team" \
  -keyout "$tmp/sign.key" -out "$tmp/sign.csr" 2>/dev/null
printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
  "extendedKeyUsage=codeSigning" >"$tmp/ext"
openssl x509 -req -in "$tmp/sign.csr" -CA "$tmp/root.pem" -CAkey "$tmp/root.key" -CAcreateserial \
  -days 30 -extfile "$tmp/ext" -out "$tmp/sign.pem" 2>/dev/null
openssl pkcs12 -export -inkey "$tmp/sign.key" -in "$tmp/sign.pem" -certfile "$tmp/root.pem" \
  -passout pass:test -out testsign.p12
cp "$tmp/root.pem" testroot.pem
