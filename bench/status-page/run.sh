#!/usr/bin/env bash
# Benchmarks Vigil's public status page and JSON API: 200 boundaries and 2,000 HTTP probes against three
# loopback targets, then wrk on loopback for `/` and `/api/v1/status`. Prints key=value lines.
#
#   bench/status-page/run.sh              # 20 s per URL, 2 wrk threads, 32 connections
#   DURATION=60s CONNECTIONS=64 bench/status-page/run.sh
#
# Needs: java 17, wrk and python3 (Debian packages), target/vigil.jar (built when missing).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
BOUNDARIES="${BOUNDARIES:-200}"
PROBES_PER_BOUNDARY="${PROBES_PER_BOUNDARY:-10}"
DURATION="${DURATION:-20s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
WARMUP_SECONDS="${WARMUP_SECONDS:-40}"

command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench: python3 is missing" >&2; exit 2; }
if [ ! -f "$root/target/vigil.jar" ]; then
  (cd "$root" && mvn -q -B package -DskipTests) >&2
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# three loopback targets answering 200 with a small body
mkdir -p "$work/www" && echo '{"status":"UP"}' > "$work/www/index.html"
targets=()
for _ in 1 2 3; do
  port="$(free_port)"
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/www" >/dev/null 2>&1 &
  pids+=($!)
  targets+=("$port")
done

listen="$(free_port)"
mkdir -p "$work/probes"
cat > "$work/vigil.yaml" <<YAML
listen: 127.0.0.1:$listen
location: bench
storage: {sqlite: data/vigil.db}
probe_files: [probes/*.yaml]
status_page: {title: Vigil benchmark}
YAML
python3 - "$work/probes/fleet.yaml" "$BOUNDARIES" "$PROBES_PER_BOUNDARY" "${targets[@]}" <<'PY'
import sys
out, boundaries, per, ports = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
with open(out, "w") as f:
    f.write("boundaries:\n")
    for b in range(boundaries):
        f.write(f"""  - name: service-{b}
    title: Service {b} API
    description: Orders, carts and payments for region {b}.
    public: true
    slos:
      - {{name: availability, sli: requests, target: 99.9%, window: 30d}}
      - {{name: uptime, sli: time, target: 99.9%, window: month}}
      - {{name: latency, sli: latency, threshold: 500ms, target: 95%, window: 7d}}
""")
    f.write("probes:\n")
    for b in range(boundaries):
        for p in range(per):
            port = ports[(b * per + p) % len(ports)]
            f.write(f"  - {{name: service-{b}-probe-{p}, boundary: service-{b}, type: http, interval: 30s,"
                    f" timeout: 5s, http: {{url: 'http://127.0.0.1:{port}/'}}}}\n")
PY

java ${VIGIL_JAVA_OPTS:--XX:+UseShenandoahGC -Xss512k -XX:MaxRAMPercentage=50} -jar "$root/target/vigil.jar" run \
  --config "$work/vigil.yaml" > "$work/vigil.log" 2>&1 &
pids+=($!)
base="http://127.0.0.1:$listen"
for _ in $(seq 1 120); do
  curl -fs "$base/-/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "$base/-/ready" >/dev/null || { echo "bench: Vigil did not become ready" >&2; cat "$work/vigil.log" >&2; exit 1; }
# every probe runs at least once within its 30 s interval; the snapshot refreshes every 5 s
sleep "$WARMUP_SECONDS"

size() { curl -fs -o /dev/null -w '%{size_download}' "$@"; }
echo "boundaries=$BOUNDARIES"
echo "probes=$((BOUNDARIES * PROBES_PER_BOUNDARY))"
echo "cores=$(nproc)"
echo "page_bytes=$(size "$base/")"
echo "page_gzip_bytes=$(size -H 'Accept-Encoding: gzip' "$base/")"
echo "api_bytes=$(size "$base/api/v1/status")"
echo "api_gzip_bytes=$(size -H 'Accept-Encoding: gzip' "$base/api/v1/status")"

# p99 from wrk's latency distribution, in milliseconds
to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/, "", v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v=v*1000 } printf "%.2f", v }'; }
run() {
  local key="$1"; shift
  local out
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@")"
  echo "${key}_p99_ms=$(echo "$out" | awk '$1 == "99%" { print $2 }' | to_ms)"
  echo "${key}_requests_per_second=$(echo "$out" | awk '/^Requests\/sec/ { printf "%.0f", $2 }')"
  echo "${key}_errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ { n++ } END { print n + 0 }')"
}
run baseline_healthy "$base/-/healthy"   # a trivial endpoint: what the machine itself adds to the tail
run page_gzip -H 'Accept-Encoding: gzip' "$base/"
run api_gzip -H 'Accept-Encoding: gzip' "$base/api/v1/status"
run page_identity "$base/"
run badge "$base/badge/service-7/uptime.svg?window=7d"
