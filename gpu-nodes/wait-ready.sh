#!/usr/bin/env bash
# Waits until every model of this GPU node is ready: its vLLM answers GET /health with 200 and
# GET /v1/models lists the model's id. Exits 0 when all are; on timeout exits 1 naming each model
# and endpoint that is not ready, and why. arena-silo.service runs it before starting the silo.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=models-file.sh
. "$here/models-file.sh"

usage() {
  cat <<'USAGE'
Usage: wait-ready.sh [options] [MODELS_FILE]

MODELS_FILE defaults to $ARENA_MODELS_FILE, else /etc/arena/models.conf.

Options:
  --timeout SECONDS   give up after this many whole seconds (default: $ARENA_READY_TIMEOUT, else 600;
                      0 checks once)
  --interval SECONDS  pause between rounds of checks, may be fractional (default: 2)
  --host HOST         the address vLLM binds to (default: $ARENA_VLLM_HOST, else 127.0.0.1)
  --api-key-env NAME  variable holding vLLM's API key, sent to /v1/models when set
                      (default: ARENA_VLLM_API_KEY)
  --model ID          check only model ID
  -q, --quiet         print only the final verdict
  -h, --help          show this help
USAGE
}

die() {
  printf 'wait-ready.sh: %s\n' "$1" >&2
  exit "${2:-2}"
}

timeout=${ARENA_READY_TIMEOUT:-600}
interval=2
host=${ARENA_VLLM_HOST:-127.0.0.1}
key_env=ARENA_VLLM_API_KEY
only=""
quiet=0
file=""
while (($# > 0)); do
  case $1 in
    --timeout) timeout=${2:?--timeout needs seconds}; shift ;;
    --interval) interval=${2:?--interval needs seconds}; shift ;;
    --host) host=${2:?--host needs an address}; shift ;;
    --api-key-env) key_env=${2:?--api-key-env needs a variable name}; shift ;;
    --model) only=${2:?--model needs a model id}; shift ;;
    -q | --quiet) quiet=1 ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; die "unknown option '$1'" ;;
    *) [[ -z $file ]] || die "only one models file may be given"; file=$1 ;;
  esac
  shift
done
file=${file:-${ARENA_MODELS_FILE:-/etc/arena/models.conf}}

[[ $timeout =~ ^[0-9]+$ ]] || die "--timeout must be a whole number of seconds, got '$timeout'"
[[ $interval =~ ^[0-9]*\.?[0-9]+$ ]] || die "--interval must be a number of seconds, got '$interval'"
[[ $host =~ ^[A-Za-z0-9.:-]+$ ]] || die "--host '$host' is not a host name or IP address"
[[ $key_env =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "--api-key-env '$key_env' is not a variable name"
command -v curl >/dev/null || die "curl is not installed"

models_file_load "$file" || die "$file is not valid (see above)" 1
connect=$(models_connect_host "$host")
api_key=${!key_env:-}

pending=()
for i in "${!M_ID[@]}"; do
  [[ -z $only || ${M_ID[i]} == "$only" ]] && pending+=("$i")
done
((${#pending[@]} > 0)) || die "model '$only' is not in $file (it has: ${M_ID[*]})" 1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# check INDEX MAX_SECONDS: succeeds when the model is ready; otherwise sets `reason`.
check() {
  local i=$1 max=$2 base code listed
  base="http://$connect:${M_PORT[i]}"
  if ! code=$(curl -sS -o /dev/null -w '%{http_code}' --connect-timeout "$max" --max-time "$max" \
    "$base/health" 2>"$work/err"); then
    reason="GET $base/health failed: $(tr -d '\r' <"$work/err" | head -n 1)"
    return 1
  fi
  if [[ $code != 200 ]]; then
    reason="GET $base/health answered $code, not 200"
    return 1
  fi

  local -a auth=()
  # The key goes to curl on stdin (-H @-), so it never shows in a process list.
  [[ -z $api_key ]] || auth=(-H @-)
  if ! code=$(printf 'Authorization: Bearer %s\n' "$api_key" |
    curl -sS -o "$work/models" -w '%{http_code}' --connect-timeout "$max" --max-time "$max" \
      "${auth[@]}" "$base/v1/models" 2>"$work/err"); then
    reason="GET $base/v1/models failed: $(tr -d '\r' <"$work/err" | head -n 1)"
    return 1
  fi
  if [[ $code == 401 ]]; then
    reason="GET $base/v1/models answered 401: set $key_env to the key vLLM was started with"
    return 1
  elif [[ $code != 200 ]]; then
    reason="GET $base/v1/models answered $code, not 200"
    return 1
  fi
  listed=$(grep -o '"id"[[:space:]]*:[[:space:]]*"[^"]*"' "$work/models" | sed 's/.*"\([^"]*\)"$/\1/' || true)
  if ! grep -Fxq -- "${M_ID[i]}" <<<"$listed"; then
    reason="GET $base/v1/models does not list model '${M_ID[i]}' (it lists: $(tr '\n' ' ' <<<"$listed" | sed 's/ $//'))"
    return 1
  fi
}

declare -A last_reason=()
deadline=$((SECONDS + timeout))
while :; do
  still=()
  for i in "${pending[@]}"; do
    remaining=$((deadline - SECONDS))
    max=$((remaining < 1 ? 1 : (remaining > 5 ? 5 : remaining)))
    reason=""
    if check "$i" "$max"; then
      ((quiet == 1)) || printf 'ready: %s at http://%s:%s/v1\n' "${M_ID[i]}" "$connect" "${M_PORT[i]}"
    else
      still+=("$i")
      if ((quiet == 0)) && [[ ${last_reason[$i]:-} != "$reason" ]]; then
        printf 'waiting: %s: %s\n' "${M_ID[i]}" "$reason" >&2
      fi
      last_reason[$i]=$reason
    fi
  done
  pending=("${still[@]}")

  if ((${#pending[@]} == 0)); then
    printf 'all %d model(s) ready\n' "${#M_ID[@]}"
    exit 0
  fi
  if ((SECONDS >= deadline)); then
    for i in "${pending[@]}"; do
      printf 'not ready after %ss: model %s at http://%s:%s/v1: %s\n' \
        "$timeout" "${M_ID[i]}" "$connect" "${M_PORT[i]}" "${last_reason[$i]}" >&2
    done
    exit 1
  fi
  sleep "$interval"
done
