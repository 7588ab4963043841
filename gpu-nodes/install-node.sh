#!/usr/bin/env bash
# Installs the Arena GPU-node kit on this machine: the arena user, the directories, the scripts,
# the systemd units, the models file, an env-file template, and the published Arena.Silo, then
# enables one arena-vllm@<id>.service per model and arena-silo.service. It starts nothing.
# With --dry-run it only prints what it would do.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

usage() {
  cat <<'USAGE'
Usage: install-node.sh [--dry-run] [--models FILE] [--silo-dir DIR]

  --models FILE   the node's models file, installed as /etc/arena/models.conf
                  (default: keep the one already there)
  --silo-dir DIR  output of `dotnet publish Arena.Silo ...`, copied to /opt/arena/silo
                  (default: keep the one already there)
  --dry-run       print the commands instead of running them; needs no root
  -h, --help      show this help
USAGE
}

die() {
  printf 'install-node.sh: %s\n' "$1" >&2
  exit "${2:-1}"
}

dry_run=0
models=""
silo_dir=""
while (($# > 0)); do
  case $1 in
    --dry-run) dry_run=1 ;;
    --models) models=${2:?--models needs a file}; shift ;;
    --silo-dir) silo_dir=${2:?--silo-dir needs a directory}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" 2 ;;
  esac
  shift
done

user=arena
etc=/etc/arena
opt=/opt/arena
units=/etc/systemd/system

# run COMMAND...: runs it, or with --dry-run prints it shell-quoted.
run() {
  if ((dry_run == 1)); then
    local out="" word q="'" esc="'\\''"
    for word in "$@"; do
      [[ $word =~ ^[A-Za-z0-9_@%+=:,./-]+$ ]] || word="$q${word//$q/$esc}$q"
      out+="${out:+ }$word"
    done
    printf '%s\n' "$out"
  else
    "$@"
  fi
}

((dry_run == 1)) || [[ $(id -u) -eq 0 ]] || die "run as root (or try --dry-run)"

installed_models=$etc/models.conf
if [[ -n $models ]]; then
  source_models=$models
elif [[ -f $installed_models ]]; then
  source_models=$installed_models
else
  die "no models file: pass --models FILE (see $here/models.example.conf)"
fi
# Validates the file and lists its ids; each id names a systemd instance.
ids=$(bash "$here/launch-vllm.sh" --list-ids "$source_models") || die "$source_models is not valid"

if [[ -n $silo_dir && ! -x $silo_dir/Arena.Silo ]]; then
  die "$silo_dir/Arena.Silo not found: publish it with dotnet publish Arena.Silo -c Release -r linux-x64 --self-contained -o DIR"
fi

if getent passwd "$user" >/dev/null; then
  printf '# user %s exists\n' "$user"
else
  run useradd --system --user-group --home-dir /var/lib/arena --no-create-home --shell /usr/sbin/nologin "$user"
fi

run install -d -m 0755 -o root -g root "$opt" "$opt/gpu-nodes" "$opt/silo"
run install -d -m 0750 -o root -g "$user" "$etc"
run install -d -m 0750 -o "$user" -g "$user" /var/lib/arena
run install -m 0755 -o root -g root "$here/launch-vllm.sh" "$here/wait-ready.sh" "$opt/gpu-nodes/"
run install -m 0644 -o root -g root "$here/models-file.sh" "$opt/gpu-nodes/"
run install -m 0644 -o root -g root "$here/systemd/arena-vllm@.service" "$here/systemd/arena-vllm.target" \
  "$here/systemd/arena-silo.service" "$units/"

if [[ -n $models ]]; then
  run install -m 0640 -o root -g "$user" "$models" "$installed_models"
fi
# The env file holds secrets: install the template only when there is none, never overwrite it.
if [[ -e $etc/gpu-node.env ]]; then
  printf '# %s exists, left as it is\n' "$etc/gpu-node.env"
else
  run install -m 0640 -o root -g "$user" "$here/gpu-node.env.example" "$etc/gpu-node.env"
fi
if [[ -n $silo_dir ]]; then
  run cp -R --no-preserve=ownership "$silo_dir/." "$opt/silo/"
fi

run systemctl daemon-reload
instances=()
while IFS= read -r id; do
  instances+=("arena-vllm@$id.service")
done <<<"$ids"
run systemctl enable arena-vllm.target "${instances[@]}" arena-silo.service

if ((dry_run == 0)); then
  cat <<DONE
Installed. Next:
  1. fill in $etc/gpu-node.env (connection string, node name, API key, HF token)
  2. systemctl start arena-vllm.target arena-silo.service
  3. journalctl -fu arena-silo.service   # shows wait-ready.sh, then the silo joining the cluster
DONE
fi
