#!/usr/bin/env bash
# Makes the certificates of an Arena cluster's mutual TLS (Arena:Tls): one certificate authority for the cluster,
# and a certificate signed by it for each member (every Arena.Web and Arena.Silo process, and any operator tool
# that calls the gateways).
#
#   Arena.Web/deploy/cluster-certs.sh OUTDIR NAME...
#
# Writes OUTDIR/ca.pem and OUTDIR/ca-key.pem (made once, kept if they exist), and for each NAME OUTDIR/NAME.pem and
# OUTDIR/NAME-key.pem, valid for client and server authentication. Give a member:
#   Arena__Tls__CertificatePath=OUTDIR/NAME.pem  Arena__Tls__KeyPath=OUTDIR/NAME-key.pem  Arena__Tls__CaPath=OUTDIR/ca.pem
# Keep ca-key.pem off the members' machines: it is needed only to issue certificates.
#
# Also writes OUTDIR/data-protection.pem and OUTDIR/data-protection-key.pem (made once, kept if they exist): the RSA
# certificate that every Arena.Web silo encrypts the shared Data Protection key ring to. Give every web silo the same pair:
#   Arena__DataProtection__CertificatePath=OUTDIR/data-protection.pem  Arena__DataProtection__KeyPath=OUTDIR/data-protection-key.pem
set -euo pipefail

usage() {
  echo "usage: $0 OUTDIR NAME..." >&2
  exit 2
}

[ $# -ge 2 ] || usage
out=$1
shift
for name in "$@"; do
  [[ $name =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] || { echo "$0: '$name' is not a member name (letters, digits, '.', '_', '-')" >&2; exit 2; }
done

command -v openssl >/dev/null || { echo "$0: needs openssl (apt-get install -y openssl)" >&2; exit 1; }
umask 077
mkdir -p "$out"
days=825

if [ ! -f "$out/ca.pem" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days "$days" \
    -subj "/CN=arena-cluster-ca" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$out/ca-key.pem" -out "$out/ca.pem" 2>/dev/null
  echo "made $out/ca.pem"
fi

if [ ! -f "$out/data-protection.pem" ]; then
  openssl req -x509 -newkey rsa:3072 -nodes -sha256 -days "$days" \
    -subj "/CN=arena-data-protection" \
    -addext "keyUsage=critical,keyEncipherment" \
    -keyout "$out/data-protection-key.pem" -out "$out/data-protection.pem" 2>/dev/null
  echo "made $out/data-protection.pem"
fi

extensions=$(mktemp)
trap 'rm -f "$extensions" "$out"/*.csr' EXIT
for name in "$@"; do
  printf '%s\n' \
    "basicConstraints=critical,CA:FALSE" \
    "keyUsage=critical,digitalSignature,keyAgreement" \
    "extendedKeyUsage=serverAuth,clientAuth" \
    "subjectAltName=DNS:$name,DNS:localhost,IP:127.0.0.1" > "$extensions"
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$name" \
    -keyout "$out/$name-key.pem" -out "$out/$name.csr" 2>/dev/null
  openssl x509 -req -sha256 -days "$days" -in "$out/$name.csr" -CA "$out/ca.pem" -CAkey "$out/ca-key.pem" \
    -set_serial "0x$(openssl rand -hex 12)" -extfile "$extensions" -out "$out/$name.pem" 2>/dev/null
  echo "made $out/$name.pem"
done
