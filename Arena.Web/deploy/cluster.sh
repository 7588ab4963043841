#!/usr/bin/env bash
# Runs a whole Arena cluster on this machine's loopback, as it runs on many machines: PostgreSQL, two GPU nodes
# (a VllmSim standing in for vLLM beside an Arena.Silo each), two Arena.Web silos, and nginx in front of them,
# every silo with its own certificate for the cluster's mutual TLS.
#
#   Arena.Web/deploy/cluster.sh start | stop | status | restart-db
#
# Build first (dotnet build Arena.sln -c Release). Needs PostgreSQL 15's server (postgresql-15), nginx, openssl
# and curl. Settings (environment):
#   ARENA_CLUSTER_DIR    where its data, logs, certificates and pids go (default: /tmp/arena-cluster)
#   ARENA_CLUSTER_PORTS  the first of the 100 loopback ports it uses (default 18000); nginx listens on it
#   ARENA_BUILD          the build configuration to run (default Release)
#   ARENA_OPERATOR_KEY   the operator key (default: a new random one, written to $ARENA_CLUSTER_DIR/operator-key)
#   ARENA_VLLMSIM_ARGS   more arguments for both VllmSims, e.g. "--time-scale 0.01" for fast answers
#   ARENA_CLUSTER_ENV    more settings for every Arena process, as NAME=value words, e.g.
#                        "Arena__RateLimits__Enabled=false" for a load generator on one address
# restart-db restarts PostgreSQL (fast shutdown: its clients are disconnected) while the rest keeps running.
# Ports from the first one, P: nginx P; web-N P+10+N (its silo P+20+N, gateway P+30+N); gpu-N's /health P+40+N
# (silo P+50+N, gateway P+60+N); gpu-N's VllmSim P+70+N; PostgreSQL P+80. Logs: $ARENA_CLUSTER_DIR/logs/, and
# nginx's (with the web silo that answered each request) in $ARENA_CLUSTER_DIR/nginx/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=${ARENA_CLUSTER_DIR:-/tmp/arena-cluster}
base=${ARENA_CLUSTER_PORTS:-18000}
build=${ARENA_BUILD:-Release}
pg_bin=/usr/lib/postgresql/15/bin
pg_user=arenapg
nginx_bin=/usr/sbin/nginx
models=(sim-a sim-b sim-c sim-d)

usage() {
  echo "usage: $0 start|stop|status|restart-db" >&2
  exit 2
}

die() {
  echo "$0: $*" >&2
  exit 1
}

port() { echo $((base + $1)); }

dll() {
  local path=$1
  [ -f "$path" ] || die "$path is missing; build first: dotnet build Arena.sln -c $build"
  echo "$path"
}

# Runs a PostgreSQL tool as an unprivileged user when root (the server refuses to run as root).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$pg_user" -- "$@"
  else
    "$@"
  fi
}

# Starts a .NET process in the background with its own log and pid file.
launch() {
  local name=$1
  shift
  nohup "$@" </dev/null >"$dir/logs/$name.log" 2>&1 &
  echo $! >"$dir/pids/$name.pid"
}

wait_for() {
  local what=$1 url=$2 pattern=${3:-} tries=${4:-180} body
  for ((i = 0; i < tries; i++)); do
    if body=$(curl -fsS --max-time 2 -H "X-Operator-Key: $key" "$url" 2>/dev/null); then
      if [ -z "$pattern" ] || [ "$(grep -o "$pattern" <<<"$body" | wc -l)" -ge "${#models[@]}" ]; then
        return 0
      fi
    fi
    sleep 0.5
  done
  die "$what did not become ready at $url (see $dir/logs/)"
}

# What every Arena process shares: the profile, the database, the cluster, the catalog, the operator key.
common_env() {
  local i
  common=(
    "ConnectionStrings__arena=Host=127.0.0.1;Port=$(port 80);Username=postgres;Password=$pg_password;Database=arena;Pooling=true"
    "ARENA_OPERATOR_KEY=$key"
    Arena__Profile=cluster
    Arena__Silo__ClusterId=arena-local
    Arena__Silo__ServiceId=arena-local
    Arena__Silo__AdvertisedIp=127.0.0.1
    "Arena__Tls__CaPath=$dir/certs/ca.pem"
    "Arena__ForwardedHeaders__KnownProxies__0=127.0.0.1"
    Orleans__Membership__ProbeTimeout=00:00:02
    Orleans__Membership__NumMissedProbesLimit=3
    DOTNET_ENVIRONMENT=Production
    ASPNETCORE_ENVIRONMENT=Production
  )
  local extra
  read -r -a extra <<<"${ARENA_CLUSTER_ENV:-}"
  common+=("${extra[@]}")
  for i in "${!models[@]}"; do
    common+=("Arena__Models__${i}__Id=${models[$i]}" "Arena__Models__${i}__Provider=vllm" "Arena__Models__${i}__Simulated=true")
  done
}

tls_env() {
  echo "Arena__Tls__CertificatePath=$dir/certs/$1.pem" "Arena__Tls__KeyPath=$dir/certs/$1-key.pem"
}

start_postgres() {
  [ -x "$pg_bin/pg_ctl" ] || die "PostgreSQL 15's server is missing: apt-get install -y postgresql-15"
  if [ "$(id -u)" -eq 0 ]; then
    id -u "$pg_user" >/dev/null 2>&1 || useradd -m -s /bin/bash "$pg_user"
    chown "$pg_user" "$dir/pg"
  fi
  printf '%s' "$pg_password" >"$dir/pg/pw"
  [ "$(id -u)" -ne 0 ] || chown "$pg_user" "$dir/pg/pw"
  as_pg "$pg_bin/initdb" -D "$dir/pg/data" -U postgres --pwfile="$dir/pg/pw" --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$dir/logs/initdb.log"
  as_pg "$pg_bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/postgres.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $(port 80) -k $dir/pg -c max_connections=300" start </dev/null >/dev/null
  as_pg "$pg_bin/psql" -h "$dir/pg" -p "$(port 80)" -U postgres -qc "CREATE DATABASE arena" >/dev/null
}

start_gpu_node() {
  local n=$1 first=$2 second=$3
  launch "vllmsim-gpu-$n" dotnet "$(dll "$root/gpu-nodes/VllmSim/bin/$build/net10.0/VllmSim.dll")" \
    --urls "http://127.0.0.1:$(port $((70 + n)))" --VllmSim:Models:0:Id="$first" --VllmSim:Models:1:Id="$second" "${sim_args[@]}"
  wait_for "VllmSim of gpu-$n" "http://127.0.0.1:$(port $((70 + n)))/health"
  # shellcheck disable=SC2046 # tls_env's words are separate assignments
  env "${common[@]}" $(tls_env "gpu-$n") Arena__Node__Name="gpu-$n" \
    Arena__Silo__SiloPort="$(port $((50 + n)))" Arena__Silo__GatewayPort="$(port $((60 + n)))" \
    Arena__Node__Models__0__Id="$first" Arena__Node__Models__0__Endpoint="http://127.0.0.1:$(port $((70 + n)))/v1" \
    Arena__Node__Models__1__Id="$second" Arena__Node__Models__1__Endpoint="http://127.0.0.1:$(port $((70 + n)))/v1" \
    nohup dotnet "$(dll "$root/Arena.Silo/bin/$build/net10.0/Arena.Silo.dll")" --urls "http://127.0.0.1:$(port $((40 + n)))" \
    </dev/null >"$dir/logs/arena-silo-gpu-$n.log" 2>&1 &
  echo $! >"$dir/pids/arena-silo-gpu-$n.pid"
  wait_for "Arena.Silo gpu-$n" "http://127.0.0.1:$(port $((40 + n)))/health"
}

start_web() {
  local n=$1 web=$root/Arena.Web/bin/$build/net10.0
  (
    cd "$dir/web-$n"
    # shellcheck disable=SC2046 # tls_env's words are separate assignments
    env "${common[@]}" $(tls_env "web-$n") Arena__Simulator__Enabled=false \
      "Arena__DataProtection__CertificatePath=$dir/certs/data-protection.pem" \
      "Arena__DataProtection__KeyPath=$dir/certs/data-protection-key.pem" \
      Arena__Silo__SiloPort="$(port $((20 + n)))" Arena__Silo__GatewayPort="$(port $((30 + n)))" \
      nohup dotnet "$(dll "$web/Arena.Web.dll")" --urls "http://127.0.0.1:$(port $((10 + n)))" --contentRoot "$web" \
      </dev/null >"$dir/logs/arena-web-$n.log" 2>&1 &
    echo $! >"$dir/pids/arena-web-$n.pid"
  )
}

start_nginx() {
  [ -x "$nginx_bin" ] || die "nginx is missing: apt-get install -y nginx"
  local upstreams="" n
  for n in 1 2; do
    upstreams+="        server 127.0.0.1:$(port $((10 + n))) max_fails=1 fail_timeout=10s;"$'\n'
  done
  mkdir -p "$dir/nginx/tmp"
  sed -e "s|@DIR@|$dir/nginx|g" -e "s|@LISTEN@|127.0.0.1:$(port 0)|g" "$here/nginx.conf.template" \
    | awk -v upstreams="${upstreams%$'\n'}" '{ if ($0 == "@UPSTREAMS@") print upstreams; else print }' >"$dir/nginx/nginx.conf"
  "$nginx_bin" -t -q -p "$dir/nginx" -c "$dir/nginx/nginx.conf"
  # Its daemon must not keep this script's output open (a caller reading it would wait for ever).
  "$nginx_bin" -p "$dir/nginx" -c "$dir/nginx/nginx.conf" </dev/null >"$dir/logs/nginx-start.log" 2>&1 \
    || die "nginx did not start: $(cat "$dir/logs/nginx-start.log")"
}

start() {
  command -v curl >/dev/null || die "needs curl (apt-get install -y curl)"
  [ ! -d "$dir/pids" ] || [ -z "$(ls -A "$dir/pids")" ] || die "a cluster seems to run from $dir already; stop it first"
  rm -rf "$dir"
  mkdir -p "$dir"/{logs,pids,pg,web-1,web-2}
  key=${ARENA_OPERATOR_KEY:-$(openssl rand -hex 24)}
  (umask 077 && printf '%s\n' "$key" >"$dir/operator-key")
  pg_password=$(openssl rand -hex 16)
  "$here/cluster-certs.sh" "$dir/certs" gpu-1 gpu-2 web-1 web-2 >/dev/null
  common_env
  read -r -a sim_args <<<"${ARENA_VLLMSIM_ARGS:-}"

  start_postgres
  echo "postgres    127.0.0.1:$(port 80)"
  # The first silo creates the cluster's tables; the others start once it is up.
  start_gpu_node 1 sim-a sim-c
  echo "gpu-1       silo 127.0.0.1:$(port 51), /health 127.0.0.1:$(port 41), VllmSim 127.0.0.1:$(port 71) (sim-a, sim-c)"
  start_gpu_node 2 sim-b sim-d
  echo "gpu-2       silo 127.0.0.1:$(port 52), /health 127.0.0.1:$(port 42), VllmSim 127.0.0.1:$(port 72) (sim-b, sim-d)"
  start_web 1
  start_web 2
  for n in 1 2; do
    wait_for "Arena.Web web-$n" "http://127.0.0.1:$(port $((10 + n)))/api/operator/models" '"state":"healthy"'
    echo "web-$n       http://127.0.0.1:$(port $((10 + n))) (silo $(port $((20 + n))), gateway $(port $((30 + n))))"
  done
  start_nginx
  wait_for "nginx" "http://127.0.0.1:$(port 0)/api/operator/models" '"state":"healthy"'
  echo "Arena cluster is ready at http://127.0.0.1:$(port 0)  (operator key in $dir/operator-key)"
}

stop() {
  local pidfile pid
  if [ -f "$dir/nginx/nginx.pid" ]; then
    "$nginx_bin" -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -s stop 2>/dev/null || true
  fi
  for pidfile in "$dir"/pids/*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
  done
  for pidfile in "$dir"/pids/*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    for ((i = 0; i < 40; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
  if [ -f "$dir/pg/data/postmaster.pid" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$dir/pg/data" -m fast -w stop >/dev/null || true
  fi
  echo "Arena cluster in $dir stopped"
}

restart_db() {
  [ -f "$dir/pg/data/postmaster.pid" ] || die "no PostgreSQL runs from $dir"
  as_pg "$pg_bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/postgres.log" -m fast -w -t 30 restart </dev/null >/dev/null
  echo "postgres    restarted"
}

status() {
  local pidfile name
  for pidfile in "$dir"/pids/*.pid; do
    [ -f "$pidfile" ] || { echo "no cluster in $dir"; return 0; }
    name=$(basename "$pidfile" .pid)
    if kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "$name running"; else echo "$name stopped"; fi
  done
  if [ -f "$dir/nginx/nginx.pid" ] && kill -0 "$(cat "$dir/nginx/nginx.pid")" 2>/dev/null; then echo "nginx running"; else echo "nginx stopped"; fi
  if [ -f "$dir/pg/data/postmaster.pid" ] && kill -0 "$(head -1 "$dir/pg/data/postmaster.pid")" 2>/dev/null; then echo "postgres running"; else echo "postgres stopped"; fi
}

[ $# -eq 1 ] || usage
case $1 in
  start) start ;;
  stop) stop ;;
  status) status ;;
  restart-db) restart_db ;;
  *) usage ;;
esac
