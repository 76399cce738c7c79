#!/usr/bin/env bash
# Certificates for mutual TLS between Temporal and its clients in the production shape (docker-compose.yml):
# one CA, the server's certificate (frontend and internode), and one client certificate per client (api, worker,
# admin for the setup job and operators). Usage: scripts/temporal-certs.sh [out-dir] (default .certs/temporal).
# Existing files are kept: delete the folder to issue new ones. A municipality with its own PKI uses that instead.
set -euo pipefail
out="${1:-$(cd "$(dirname "$0")/.." && pwd)/.certs/temporal}"
days="${TEMPORAL_CERT_DAYS:-825}"
server_name="${TEMPORAL_TLS_SERVER_NAME:-temporal}"
command -v openssl >/dev/null || { echo "temporal-certs: openssl is needed to issue the certificates" >&2; exit 1; }
mkdir -p "$out" && chmod 755 "$out" && cd "$out"

if [ ! -f ca.pem ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days "$days" \
    -subj "/CN=KE IP Temporal CA" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
fi

issue() { # name, extendedKeyUsage, subjectAltName
  local name="$1" eku="$2" san="$3"
  [ -f "$name.pem" ] && return 0
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$name.key" -out "$name.csr" -subj "/CN=$name" 2>/dev/null
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=%s\nsubjectAltName=%s\n' "$eku" "$san" > "$name.ext"
  openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -out "$name.pem" -days "$days" -extfile "$name.ext" 2>/dev/null
  rm -f "$name.csr" "$name.ext"
}
issue server "serverAuth,clientAuth" "DNS:$server_name,DNS:localhost,IP:127.0.0.1"
for client in api worker admin; do issue "$client" clientAuth "DNS:$client"; done
# The containers' processes run as uid/gid 1000 (temporalio/server, node): their keys are readable by that group
# only; the CA key by the one who issues certificates only.
chmod 644 ./*.pem
chgrp "${TEMPORAL_CERT_GID:-1000}" ./*.key 2>/dev/null || true
chmod 640 ./*.key
chmod 600 ca.key
echo "temporal-certs: CA, server and client certificates (api, worker, admin) in $out" >&2
