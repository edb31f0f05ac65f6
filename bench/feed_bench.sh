#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Feed-serving benchmark (issue 5): rotad serving a 50-event youth feed
# against nginx serving the same bytes as a static file, side by side in
# one run, with `wrk -t2 -c32 -d10s` on 127.0.0.1; the 304 path of both;
# and the time to rebuild one feed after a change.
#
# usage: bench/feed_bench.sh [DURATION]     (default 10s per load)
# env:   BUILD_DIR (default bench/out), KEEP=1 keeps the temp directory,
#        SKIP_BUILD=1 uses the binaries already in BUILD_DIR.
#
# Installs wrk and nginx-light from Debian if they are missing (they are
# bench-only tools, not in scripts/deps.sh).  Everything listens on
# 127.0.0.1 only; every process it starts is stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/bench/out}
DUR=${1:-10s}
PY=${PYTHON:-python3}
WORK=$(mktemp -d /tmp/rota-feed-bench.XXXXXX)
chmod 755 "$WORK"
ROTAD_PID= NGINX_PID=

cleanup() {
	[ -n "$ROTAD_PID" ] && kill "$ROTAD_PID" 2>/dev/null && wait "$ROTAD_PID" 2>/dev/null
	[ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
	if [ "${KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# ---- tools ----
need=()
command -v wrk >/dev/null || need+=(wrk)
[ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
	SUDO=; [ "$(id -u)" != 0 ] && SUDO=sudo
	$SUDO apt-get update -q
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y \
	    --no-install-recommends "${need[@]}"
fi
NGINX=/usr/sbin/nginx

# ---- build (Release) ----
if [ "${SKIP_BUILD:-0}" != 1 ]; then
	cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
	cmake --build "$BUILD_DIR" -j2 --target rotad >/dev/null
	cmake --build "$BUILD_DIR" -j2 --target bench_feed >/dev/null 2>&1 ||
		echo "note: no bench_feed target (is add_subdirectory(bench) in the top-level CMakeLists.txt?)" >&2
fi
ROTAD=$BUILD_DIR/daemon/rotad
BENCH_FEED=$BUILD_DIR/bench/bench_feed
[ -x "$BENCH_FEED" ] || BENCH_FEED=

free_port() {
	"$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# ---- rotad with a 50-event youth feed ----
"$PY" "$ROOT/bench/feed/make_instance.py" >"$WORK/instance.json"
TOKEN=$("$ROTAD" token create bench --db "$WORK/rota.db")
"$ROTAD" --listen 127.0.0.1:0 --db "$WORK/rota.db" \
    --port-file "$WORK/port" >"$WORK/rotad.log" 2>&1 &
ROTAD_PID=$!
for _ in $(seq 100); do [ -s "$WORK/port" ] && break; sleep 0.1; done
RPORT=$(cat "$WORK/port")
api() { curl -sf -H "Authorization: Bearer $TOKEN" "$@"; }
api -H 'Content-Type: application/json' --data-binary @"$WORK/instance.json" \
    "http://127.0.0.1:$RPORT/api/v1/import?force=true" >/dev/null
FEED_URL=$(api -X POST "http://127.0.0.1:$RPORT/api/v1/youths/ida/feed" |
    "$PY" -c 'import json,sys; print(json.load(sys.stdin)["url"])')
FEED_PATH=/${FEED_URL#http://*/}
curl -sf -o "$WORK/feed.ics" "$FEED_URL"
EVENTS=$(grep -c '^BEGIN:VEVENT' "$WORK/feed.ics")
BYTES=$(stat -c %s "$WORK/feed.ics")
RETAG=$(curl -sfI "$FEED_URL" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
curl -sf -H 'Accept-Encoding: gzip' -o "$WORK/feed.ics.gz" "$FEED_URL"
GZBYTES=$(stat -c %s "$WORK/feed.ics.gz")

# ---- nginx serving the same bytes ----
NPORT=$(free_port)
mkdir -p "$WORK/www" "$WORK/nginx"
cp "$WORK/feed.ics" "$WORK/feed.ics.gz" "$WORK/www/"
touch -r "$WORK/www/feed.ics" "$WORK/www/feed.ics.gz"
chmod -R a+rX "$WORK/www"
write_nginx_conf() { # $1 = worker_processes, $2 = access_log setting
	cat >"$WORK/nginx/nginx.conf" <<EOF
daemon off;
worker_processes $1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
user $(id -un) $(id -gn);
events { worker_connections 1024; }
http {
	access_log ${2:-off};
	sendfile on;
	tcp_nopush on;
	keepalive_requests 1000000;
	keepalive_timeout 65;
	client_body_temp_path $WORK/nginx/body;
	proxy_temp_path $WORK/nginx/proxy;
	fastcgi_temp_path $WORK/nginx/fastcgi;
	uwsgi_temp_path $WORK/nginx/uwsgi;
	scgi_temp_path $WORK/nginx/scgi;
	types { text/calendar ics; }
	charset utf-8;
	charset_types text/calendar;
	server {
		listen 127.0.0.1:$NPORT;
		root $WORK/www;
		etag on;
		location / {
			gzip_static on;
			add_header Cache-Control "private, max-age=300";
		}
	}
}
EOF
}
start_nginx() { # $1 = worker_processes, $2 = access_log setting
	write_nginx_conf "$1" "${2:-off}"
	"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
	NGINX_PID=$!
	for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$NPORT/feed.ics" && return; sleep 0.1; done
	echo "nginx did not start" >&2; cat "$WORK/nginx/error.log" >&2; exit 1
}
stop_nginx() {
	kill -QUIT "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true; NGINX_PID=
}

# ---- runs ----
# Besides requests per second (which depend on how the 2 cores are shared
# with wrk and anything else running), each run reports the server's own
# CPU time per request (user + system, from /proc/PID/stat), a steadier
# measure of what serving one request costs.
declare -A RPS LAT CPU
SERVER_PIDS=
cpu_ticks() { # pids...: user+system clock ticks, summed
	local t=0 p
	for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
	echo "$t"
}
bench() { # name url [header]
	local out c0 c1 n
	c0=$(cpu_ticks $SERVER_PIDS)
	if [ $# -gt 2 ]; then
		out=$(wrk -t2 -c32 -d"$DUR" --latency -H "$3" "$2")
	else
		out=$(wrk -t2 -c32 -d"$DUR" --latency "$2")
	fi
	c1=$(cpu_ticks $SERVER_PIDS)
	echo "== $1" >>"$WORK/wrk.txt"; echo "$out" >>"$WORK/wrk.txt"
	RPS[$1]=$(echo "$out" | awk '/^Requests\/sec/ {print $2}')
	LAT[$1]=$(echo "$out" | awk '/^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print p50 " / " p99}')
	n=$(echo "$out" | awk '/requests in/ {print $1}')
	CPU[$1]=$("$PY" -c "print('%.2f' % (($c1 - $c0) * 1e6 / $(getconf CLK_TCK) / $n))")
	local non2xx
	non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
	printf '%-26s %10s req/s   p50/p99 %s   server CPU %s us/req%s\n' "$1" \
	    "${RPS[$1]}" "${LAT[$1]}" "${CPU[$1]}" "${non2xx:+   non-2xx: $non2xx}"
}
nginx_workers() { pgrep -P "$NGINX_PID" | tr '\n' ' '; }

echo "feed: $EVENTS events, $BYTES bytes ($GZBYTES gzipped); rotad :$RPORT, nginx :$NPORT; wrk -t2 -c32 -d$DUR"
start_nginx 1
NETAG=$(curl -sfI "http://127.0.0.1:$NPORT/feed.ics" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
cmp -s "$WORK/feed.ics" <(curl -sf "http://127.0.0.1:$NPORT/feed.ics") ||
	{ echo "nginx serves other bytes" >&2; exit 1; }
cmp -s "$WORK/feed.ics.gz" <(curl -sf -H 'Accept-Encoding: gzip' "http://127.0.0.1:$NPORT/feed.ics") ||
	{ echo "nginx serves other gzip bytes" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $RETAG" "$FEED_URL")" = 304 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $NETAG" "http://127.0.0.1:$NPORT/feed.ics")" = 304 ]

R=$ROTAD_PID N=$(nginx_workers)
SERVER_PIDS=$R bench "rotad 200"              "$FEED_URL"
SERVER_PIDS=$N bench "nginx(1 worker) 200"    "http://127.0.0.1:$NPORT/feed.ics"
SERVER_PIDS=$R bench "rotad 304"              "$FEED_URL" "If-None-Match: $RETAG"
SERVER_PIDS=$N bench "nginx(1 worker) 304"    "http://127.0.0.1:$NPORT/feed.ics" "If-None-Match: $NETAG"
# The same comparison for gzip clients (nginx: gzip_static, same .gz bytes).
SERVER_PIDS=$R bench "rotad 200 gzip"          "$FEED_URL" "Accept-Encoding: gzip"
SERVER_PIDS=$N bench "nginx(1 worker) 200 gzip" "http://127.0.0.1:$NPORT/feed.ics" "Accept-Encoding: gzip"
stop_nginx
# rotad writes an access-log line for every request (issue 2 asks for it);
# so does nginx in Debian's default configuration (combined format, no
# buffer).  The same two runs with that obligation on both sides:
start_nginx 1 "$WORK/nginx/access.log"
N=$(nginx_workers)
SERVER_PIDS=$N bench "nginx(1 worker, log) 200" "http://127.0.0.1:$NPORT/feed.ics"
SERVER_PIDS=$N bench "nginx(1 worker, log) 304" "http://127.0.0.1:$NPORT/feed.ics" "If-None-Match: $NETAG"
stop_nginx
start_nginx auto
N=$(nginx_workers)
SERVER_PIDS=$N bench "nginx(auto=$(nproc)) 200" "http://127.0.0.1:$NPORT/feed.ics"
SERVER_PIDS=$N bench "nginx(auto=$(nproc)) 304" "http://127.0.0.1:$NPORT/feed.ics" "If-None-Match: $NETAG"
stop_nginx

ratio() { "$PY" -c "print('%.2f' % ($1 / $2))"; }
n1="nginx(1 worker)"; na="nginx(auto=$(nproc))"
echo "ratio 200 rotad/nginx(1): $(ratio "${RPS[rotad 200]}" "${RPS[$n1 200]}")" \
     " rotad/nginx(auto): $(ratio "${RPS[rotad 200]}" "${RPS[$na 200]}")"
echo "ratio 200 gzip rotad/nginx(1): $(ratio "${RPS[rotad 200 gzip]}" "${RPS[$n1 200 gzip]}")"
echo "ratio 304 rotad/nginx(1): $(ratio "${RPS[rotad 304]}" "${RPS[$n1 304]}")" \
     " rotad/nginx(auto): $(ratio "${RPS[rotad 304]}" "${RPS[$na 304]}")"
nl="nginx(1 worker, log)"
echo "ratio with an access log on both sides: 200 $(ratio "${RPS[rotad 200]}" "${RPS[$nl 200]}")," \
     "304 $(ratio "${RPS[rotad 304]}" "${RPS[$nl 304]}");" \
     "CPU per request $nl/rotad: 200 $(ratio "${CPU[$nl 200]}" "${CPU[rotad 200]}")," \
     "304 $(ratio "${CPU[$nl 304]}" "${CPU[rotad 304]}")"
# Efficiency: nginx's CPU per request over rotad's (1.0 = as cheap as nginx).
echo "CPU per request nginx(1)/rotad: 200 $(ratio "${CPU[$n1 200]}" "${CPU[rotad 200]}")," \
     "304 $(ratio "${CPU[$n1 304]}" "${CPU[rotad 304]}")," \
     "200 gzip $(ratio "${CPU[$n1 200 gzip]}" "${CPU[rotad 200 gzip]}")"

# ---- rebuilding one feed after a change ----
if [ -n "$BENCH_FEED" ]; then
	"$BENCH_FEED" "$WORK/instance.json" ida 1000 "$WORK/rota.db"
fi
"$PY" "$ROOT/bench/feed/rebuild.py" "$RPORT" "$TOKEN" "$FEED_PATH" 200
