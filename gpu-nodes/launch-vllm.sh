#!/usr/bin/env bash
# Starts vLLM for the models of this GPU node, one `vllm serve` per line of the models file
# (see models.example.conf), and prints the matching configuration for Arena.Silo.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=models-file.sh
. "$here/models-file.sh"

usage() {
  cat <<'USAGE'
Usage: launch-vllm.sh [options] [MODELS_FILE]

Starts one `vllm serve` per model in MODELS_FILE (default: $ARENA_MODELS_FILE, else
/etc/arena/models.conf) and stops them all when one exits or on SIGTERM.

Modes (default: start every model):
  --model ID        start only model ID, in the foreground (what arena-vllm@ID.service runs)
  --dry-run         print the commands, one per line, shell-quoted, with the key as ***; start nothing
  --silo-env        print Arena.Silo's Arena__Node__Models__n__* environment lines
  --list-ids        print the model ids, one per line
  --check           only validate the file

Options:
  --host HOST         address vLLM binds to (default: $ARENA_VLLM_HOST, else 127.0.0.1)
  --api-key-env NAME  environment variable that holds vLLM's API key (default: ARENA_VLLM_API_KEY)
  --no-api-key        serve without an API key (only for a host nobody else can reach)
  --vllm PATH         the vllm executable (default: $VLLM_BIN, else vllm)
  --output FILE       write what --silo-env or --dry-run prints to FILE instead of stdout
  -h, --help          show this help
USAGE
}

die() {
  printf 'launch-vllm.sh: %s\n' "$1" >&2
  exit "${2:-1}"
}

mode=run
only=""
host=${ARENA_VLLM_HOST:-127.0.0.1}
key_env=ARENA_VLLM_API_KEY
no_key=0
vllm=${VLLM_BIN:-vllm}
output=""
file=""
while (($# > 0)); do
  case $1 in
    --dry-run) mode=dry-run ;;
    --silo-env) mode=silo-env ;;
    --list-ids) mode=list-ids ;;
    --check) mode=check ;;
    --model) only=${2:?--model needs a model id}; shift ;;
    --host) host=${2:?--host needs an address}; shift ;;
    --api-key-env) key_env=${2:?--api-key-env needs a variable name}; shift ;;
    --no-api-key) no_key=1 ;;
    --vllm) vllm=${2:?--vllm needs a path}; shift ;;
    --output) output=${2:?--output needs a file}; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; die "unknown option '$1'" 2 ;;
    *) [[ -z $file ]] || die "only one models file may be given" 2; file=$1 ;;
  esac
  shift
done
file=${file:-${ARENA_MODELS_FILE:-/etc/arena/models.conf}}

[[ $host =~ ^[A-Za-z0-9.:-]+$ ]] || die "--host '$host' is not a host name or IP address" 2
[[ $key_env =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "--api-key-env '$key_env' is not a variable name" 2

models_file_load "$file" || die "$file is not valid (see above); nothing was started"

# The models this run covers: all of them, or only --model's.
selected=()
for i in "${!M_ID[@]}"; do
  [[ -z $only || ${M_ID[i]} == "$only" ]] && selected+=("$i")
done
((${#selected[@]} > 0)) || die "model '$only' is not in $file (it has: ${M_ID[*]})"

# vLLM's API key comes only from the environment (the env file on a node), never from the models file.
api_key=""
if [[ $mode == run || $mode == dry-run ]] && ((no_key == 0)); then
  api_key=${!key_env:-}
  [[ -n $api_key ]] || die "the API key variable $key_env is empty; set it (on a node: in /etc/arena/gpu-node.env) or pass --no-api-key"
fi

# build_command INDEX: sets envs (VAR=value words) and argv (the vllm command without its key).
build_command() {
  local i=$1
  envs=()
  [[ -z ${M_GPUS[i]} ]] || envs=("CUDA_VISIBLE_DEVICES=${M_GPUS[i]}")
  argv=("$vllm" serve "${M_HF[i]}"
    --served-model-name "${M_ID[i]}"
    --host "$host"
    --port "${M_PORT[i]}"
    --gpu-memory-utilization "${M_GMU[i]}")
  [[ -z ${M_MML[i]} ]] || argv+=(--max-model-len "${M_MML[i]}")
  argv+=(--tensor-parallel-size "${M_TP[i]}" --max-num-seqs "${M_SEQS[i]}")
}

# quoted WORD...: the words as one shell-quoted line (plain words stay bare, others go in '...').
quoted() {
  local out="" word q="'" esc="'\\''"
  for word in "$@"; do
    [[ $word =~ ^[A-Za-z0-9_@%+=:,./-]+$ ]] || word="$q${word//$q/$esc}$q"
    out+="${out:+ }$word"
  done
  printf '%s' "$out"
}

# emit: prints its input to stdout, or atomically replaces --output's file with it.
emit() {
  if [[ -z $output ]]; then
    cat
  else
    local tmp
    tmp=$(mktemp "$output.XXXXXX")
    cat >"$tmp"
    chmod 0640 "$tmp"
    mv -f "$tmp" "$output"
  fi
}

case $mode in
  check)
    printf '%s: %d model(s), valid\n' "$file" "${#M_ID[@]}"
    exit 0
    ;;
  list-ids)
    printf '%s\n' "${M_ID[@]}" | emit
    exit 0
    ;;
  silo-env)
    connect=$(models_connect_host "$host")
    for n in "${!selected[@]}"; do
      i=${selected[n]}
      printf 'Arena__Node__Models__%d__Id=%s\n' "$n" "${M_ID[i]}"
      printf 'Arena__Node__Models__%d__Endpoint=http://%s:%s/v1\n' "$n" "$connect" "${M_PORT[i]}"
      printf 'Arena__Node__Models__%d__MaxConcurrency=%s\n' "$n" "${M_CONC[i]}"
    done | emit
    exit 0
    ;;
  dry-run)
    for i in "${selected[@]}"; do
      build_command "$i"
      line=$(quoted "${envs[@]}" "${argv[@]}")
      # The key's value is never printed, only a placeholder.
      ((no_key == 1)) || line+=" --api-key ***"
      printf '%s\n' "$line"
    done | emit
    exit 0
    ;;
esac

key_args=()
((no_key == 1)) || key_args=(--api-key "$api_key")

if [[ -n $only ]]; then
  # One model in the foreground: exec, so systemd supervises vLLM itself and its signals reach it.
  build_command "${selected[0]}"
  printf 'launch-vllm.sh: starting %s on %s:%s\n' "${M_ID[${selected[0]}]}" "$host" "${M_PORT[${selected[0]}]}" >&2
  exec env "${envs[@]}" "${argv[@]}" "${key_args[@]}"
fi

# Every model: start them all, and when one exits (or we are told to stop) stop the rest, so a
# supervisor sees the failure instead of a node that silently serves fewer models.
pids=()
names=()
stop_all() {
  local pid
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  wait || true
}
trap 'stop_all; exit 143' TERM INT
for i in "${selected[@]}"; do
  build_command "$i"
  env "${envs[@]}" "${argv[@]}" "${key_args[@]}" &
  pids+=("$!")
  names+=("${M_ID[i]}")
  printf 'launch-vllm.sh: started %s on %s:%s (pid %s)\n' "${M_ID[i]}" "$host" "${M_PORT[i]}" "$!" >&2
done

status=0
wait -n || status=$?
for n in "${!pids[@]}"; do
  kill -0 "${pids[n]}" 2>/dev/null || printf 'launch-vllm.sh: vLLM for %s exited with status %d; stopping the others\n' "${names[n]}" "$status" >&2
done
stop_all
exit $((status == 0 ? 1 : status))
