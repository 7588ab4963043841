# shellcheck shell=bash
# Reads and validates an Arena GPU-node models file. Sourced by launch-vllm.sh and wait-ready.sh so
# that vLLM, the readiness check and Arena.Silo's configuration all come from one parser.
#
# Format (see models.example.conf): one model per line, whitespace-separated key=value fields;
# blank lines are ignored and '#' starts a comment that runs to the end of the line.

# Every field a line may have; anything else is an error.
MODELS_FIELDS="id hf_model port gpu_memory_utilization max_model_len tensor_parallel_size max_num_seqs max_concurrency gpus"

# Arena's ModelDefinition.Id rule without '/', since on a node each id also names a systemd unit
# (arena-vllm@<id>.service), so every id here is one Arena accepts.
MODELS_ID_PATTERN='^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$'

# models_file_load FILE
# Fills the arrays M_ID, M_HF, M_PORT, M_GMU, M_MML (empty = vLLM's default), M_TP, M_SEQS, M_CONC,
# M_GPUS (empty = all GPUs) and M_LINE, one entry per model in file order. Prints every problem as
# "FILE:LINE: message" on stderr and returns 1 if there is any.
models_file_load() {
  local file=$1
  M_ID=() M_HF=() M_PORT=() M_GMU=() M_MML=() M_TP=() M_SEQS=() M_CONC=() M_GPUS=() M_LINE=()
  if [[ ! -f $file || ! -r $file ]]; then
    printf '%s: models file not found or not readable\n' "$file" >&2
    return 1
  fi

  local errors=0 lineno=0 line tok key val req ip fr gpu_count
  local -a tokens
  local -A seen_id=() seen_port=()
  while IFS= read -r line || [[ -n $line ]]; do
    lineno=$((lineno + 1))
    line=${line%%#*}
    line=${line//$'\r'/}
    [[ $line =~ ^[[:space:]]*$ ]] && continue

    local -A f=()
    local line_errors=$errors
    read -ra tokens <<<"$line"
    for tok in "${tokens[@]}"; do
      if [[ $tok != *=* ]]; then
        _models_err "expected key=value, got '$tok'"
        continue
      fi
      key=${tok%%=*}
      val=${tok#*=}
      case " $MODELS_FIELDS " in
        *" $key "*) ;;
        *) _models_err "unknown field '$key' (known fields: $MODELS_FIELDS)"; continue ;;
      esac
      if [[ -z $val ]]; then
        _models_err "field '$key' is empty"
      elif [[ -n ${f[$key]+set} ]]; then
        _models_err "field '$key' appears twice"
      else
        f[$key]=$val
      fi
    done

    for req in id hf_model port; do
      [[ -n ${f[$req]+set} ]] || _models_err "missing required field '$req'"
    done

    if [[ -n ${f[id]+set} && ! ${f[id]} =~ $MODELS_ID_PATTERN ]]; then
      _models_err "id '${f[id]}' is not valid: 1-128 letters, digits or . _ : -, starting with a letter or digit"
    fi
    if [[ -n ${f[hf_model]+set} && ${f[hf_model]} == -* ]]; then
      _models_err "hf_model '${f[hf_model]}' must not start with '-'"
    fi
    if [[ -n ${f[port]+set} ]] && ! [[ ${f[port]} =~ ^[1-9][0-9]{0,4}$ && ${f[port]} -le 65535 ]]; then
      _models_err "port must be a whole number from 1 to 65535, got '${f[port]}'"
    fi
    for key in max_model_len tensor_parallel_size max_num_seqs max_concurrency; do
      if [[ -n ${f[$key]+set} && ! ${f[$key]} =~ ^[1-9][0-9]{0,8}$ ]]; then
        _models_err "$key must be a whole number of at least 1, got '${f[$key]}'"
      fi
    done
    if [[ -n ${f[gpu_memory_utilization]+set} ]]; then
      val=${f[gpu_memory_utilization]}
      if [[ $val =~ ^([01]?)(\.([0-9]+))?$ && $val != "" ]]; then
        ip=${BASH_REMATCH[1]}
        fr=${BASH_REMATCH[3]}
        if [[ $ip == 1 && -n ${fr//0/} ]] || [[ $ip != 1 && -z ${fr//0/} ]]; then
          _models_err "gpu_memory_utilization must be greater than 0 and at most 1, got '$val'"
        fi
      else
        _models_err "gpu_memory_utilization must be a number greater than 0 and at most 1, got '$val'"
      fi
    fi
    if [[ -n ${f[gpus]+set} ]]; then
      if [[ ! ${f[gpus]} =~ ^[0-9]+(,[0-9]+)*$ ]]; then
        _models_err "gpus must be a comma-separated list of GPU indexes like 0 or 0,1, got '${f[gpus]}'"
      else
        gpu_count=$(($(tr -cd , <<<"${f[gpus]}" | wc -c) + 1))
        if [[ ${f[tensor_parallel_size]:-1} =~ ^[0-9]+$ ]] && ((${f[tensor_parallel_size]:-1} > gpu_count)); then
          _models_err "tensor_parallel_size ${f[tensor_parallel_size]} needs that many GPUs, but gpus lists $gpu_count"
        fi
      fi
    fi

    if [[ -n ${f[id]+set} ]]; then
      if [[ -n ${seen_id[${f[id]}]+set} ]]; then
        _models_err "duplicate id '${f[id]}' (already on line ${seen_id[${f[id]}]})"
      else
        seen_id[${f[id]}]=$lineno
      fi
    fi
    if [[ -n ${f[port]+set} ]]; then
      if [[ -n ${seen_port[${f[port]}]+set} ]]; then
        _models_err "duplicate port ${f[port]} (already used on line ${seen_port[${f[port]}]})"
      else
        seen_port[${f[port]}]=$lineno
      fi
    fi

    if ((errors == line_errors)); then
      M_ID+=("${f[id]}")
      M_HF+=("${f[hf_model]}")
      M_PORT+=("${f[port]}")
      M_GMU+=("${f[gpu_memory_utilization]:-0.90}")
      M_MML+=("${f[max_model_len]:-}")
      M_TP+=("${f[tensor_parallel_size]:-1}")
      M_SEQS+=("${f[max_num_seqs]:-64}")
      # Arena.Silo's limit defaults to what vLLM runs at once, so the silo never queues more than vLLM.
      M_CONC+=("${f[max_concurrency]:-${f[max_num_seqs]:-64}}")
      M_GPUS+=("${f[gpus]:-}")
      M_LINE+=("$lineno")
    fi
    unset f
  done <"$file"

  if ((errors == 0 && ${#M_ID[@]} == 0)); then
    printf '%s: no models: the file has no model lines\n' "$file" >&2
    return 1
  fi
  ((errors == 0))
}

# _models_err MESSAGE: reports a problem on the line being read (uses models_file_load's locals).
_models_err() {
  printf '%s:%d: %s\n' "$file" "$lineno" "$1" >&2
  errors=$((errors + 1))
}

# models_connect_host HOST: the address a client on this node uses to reach a server bound to HOST.
models_connect_host() {
  case $1 in
    0.0.0.0) printf '127.0.0.1' ;;
    :: | '[::]') printf '[::1]' ;;
    \[*) printf '%s' "$1" ;;
    *:*) printf '[%s]' "$1" ;;
    *) printf '%s' "$1" ;;
  esac
}
