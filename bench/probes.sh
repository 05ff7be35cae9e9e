#!/usr/bin/env bash
# Vigil's cost per probe, latency truthfulness, scheduler lag, memory and start-up, measured beside
# blackbox_exporter on the same loopback targets in the same run (../shared/bench/peer).
#
#   bench/probes.sh [all|cost|accuracy|scale|startup|peer|profile|gc]     (default: all)
#
# cost:     for each module (http tcp dns): N probes at interval I (RATE = N/I probes/s) against nginx / dnsmasq;
#           Vigil's process CPU (utime+stime from /proc) over DUR s after WARM s, runs completed (from
#           /metrics), scheduler lag p99 (from its histogram), heap and RSS.  vigil_cpu_s_per_1k is the figure.
# accuracy: ACC_PROBES probes against delay_server /delay/50 at ~ACC_RATE probes/s in total (the rest against nginx);
#           reported duration minus 50 ms, per run, read from Vigil's history (SQLite).
# scale:    SCALE_PROBES probe definitions at a 60 s interval: heap after GC, RSS, lag.
# startup:  STARTUP_PROBES probes: time from process start to the first completed run.
# peer:     ../shared/bench/peer/blackbox.sh throughput and accuracy with the same targets.
# all:      everything above, then the ratios (peer / Vigil).
# profile:  for each module, the cost run's load profiled with async-profiler (PROFILE_EVENT=cpu|alloc, the
#           library from Maven Central's tools.profiler:async-profiler), attached after WARM s for DUR s; prints
#           each stage's share (kernel by syscall, Netty, the probe's own code, each sink, GC, JIT) and keeps the
#           folded stacks in $RUN/profile-MODULE/.
# gc:       the cost run of each module once per collector in GCS (serial g1 shenandoah z): CPU per 1,000 runs,
#           scheduler lag p99, runs marked stalled.
#
# Every figure is one key=value line.  Loopback only; every run is bounded by timeout(1); processes are stopped by PID.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="$(cd "$HERE/.." && pwd)"
PEER="${PEER:-$(cd "$TOP/../shared/bench/peer" 2>/dev/null && pwd || echo "$TOP/../shared/bench/peer")}"
MODE="${1:-all}"
RUN="${RUN:-/tmp/vigilbench}"
export RUN_DIR="${RUN_DIR:-/tmp/peerbench}"
export HTTP_PORT="${HTTP_PORT:-18080}" TCP_PORT="${TCP_PORT:-18081}" DELAY_PORT="${DELAY_PORT:-18090}" DNS_PORT="${DNS_PORT:-15353}"
VIGIL_PORT="${VIGIL_PORT:-19300}"
RATE="${RATE:-2000}"              # probes per second in cost runs
INTERVAL="${INTERVAL:-10}"        # seconds
DUR="${DUR:-20}"                  # measured seconds per cost run
WARM="${WARM:-45}"                # seconds before measuring (a whole interval, and the JIT's first minute)
MODULES="${MODULES:-http tcp dns}"
ACC_RATE="${ACC_RATE:-1000}" ACC_PROBES="${ACC_PROBES:-200}" ACC_DUR="${ACC_DUR:-30}"
SCALE_PROBES="${SCALE_PROBES:-100000}" SCALE_DUR="${SCALE_DUR:-40}"
STARTUP_PROBES="${STARTUP_PROBES:-10000}"
JAVA_OPTS="${VIGIL_JAVA_OPTS:--XX:+UseShenandoahGC -Xss512k -XX:MaxRAMPercentage=50}"   # the ./vigil wrapper's default
SCALE_JAVA_OPTS="${SCALE_JAVA_OPTS:-$JAVA_OPTS}"
HZ="$(getconf CLK_TCK)"
VIGIL_PID=""

cleanup() {
  set +e
  stop_vigil
  [ "${STARTED_TARGETS:-0}" = 1 ] && "$PEER/targets.sh" stop >/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

f3() { awk "BEGIN{printf \"%.3f\", ($1)}"; }
ticks() { local s; s="$(cat "/proc/$1/stat" 2>/dev/null)" || { echo 0; return; }; s="${s##*) }"; set -- $s; echo $((${12} + ${13})); }
metric() { # metric NAME -> the exposition lines of that family (name[] filter keeps the scrape cheap)
  curl -sg --max-time 60 "http://127.0.0.1:$VIGIL_PORT/metrics?name[]=$1" | grep -v '^#' || true
}
sum_metric() { metric "$1" | awk -v n="$1" '$1 ~ "^"n"({|$)" {s+=$NF} END{printf "%.0f", s}'; }
lag_buckets() { metric vigil_scheduler_lag_seconds_bucket | sed -n 's/.*le="\([^"]*\)".* \([0-9.e+E]*\)$/\1 \2/p'; }
p99_from() { # p99_from FILE_BEFORE FILE_AFTER -> upper bound (ms) of the bucket holding the 99th percentile
  python3 - "$1" "$2" <<'PY'
import sys
def load(p):
    d = {}
    for line in open(p):
        le, v = line.split()
        d[le] = float(v)
    return d
a, b = load(sys.argv[1]), load(sys.argv[2])
keys = sorted((float('inf') if k == '+Inf' else float(k), k) for k in b)
total = b['+Inf'] - a.get('+Inf', 0)
if total <= 0: print("nan"); sys.exit()
for bound, k in keys:
    if b[k] - a.get(k, 0) >= 0.99 * total:
        print("%.3f" % (bound * 1000)); break
PY
}

ensure_tools() {
  local missing=()
  for b in java curl wrk python3 sqlite3 /usr/sbin/nginx /usr/sbin/dnsmasq /usr/bin/prometheus-blackbox-exporter; do
    command -v "$b" >/dev/null 2>&1 || missing+=("$b")
  done
  if ((${#missing[@]})); then
    echo "bench: installing peer tools (${missing[*]})" >&2
    "$PEER/setup.sh" >/dev/null
    command -v sqlite3 >/dev/null || apt-get install -y -qq --no-install-recommends sqlite3 >/dev/null
  fi
  [ -f "$TOP/target/vigil.jar" ] || (cd "$TOP" && mvn -q -B package -DskipTests)
}

ensure_targets() {
  if "$PEER/targets.sh" status | grep -q 'state=down'; then "$PEER/targets.sh" start >/dev/null; STARTED_TARGETS=1; fi
}

# write_config DIR MODULE COUNT INTERVAL_S [DELAY_COUNT]: a service file and one probe file
write_config() {
  local dir=$1 module=$2 count=$3 every=$4 delayed=${5:-0}
  mkdir -p "$dir/probes"; rm -f "$dir"/data/vigil.db*
  cat > "$dir/vigil.yaml" <<YAML
listen: 127.0.0.1:$VIGIL_PORT
location: bench
storage: {sqlite: data/vigil.db}
probe_files: [probes/*.yaml]
metrics: {histograms: boundary}
YAML
  python3 - "$dir/probes/bench.yaml" "$module" "$count" "$every" "$delayed" "$HTTP_PORT" "$TCP_PORT" "$DNS_PORT" "$DELAY_PORT" <<'PY'
import sys
out, module, count, every, delayed, http, tcp, dns, delay = sys.argv[1:]
count, delayed = int(count), int(delayed)
per = 100
with open(out, "w") as f:
    f.write("boundaries:\n")
    for b in range((count + delayed + per - 1) // per):
        f.write("  - {name: b%d, slos: [{name: availability, sli: requests, target: 99.9%%, window: 30d}]}\n" % b)
    f.write("probes:\n")
    for i in range(count + delayed):
        b = "b%d" % (i // per)
        head = "  - {name: p%d, boundary: %s, interval: %ss, timeout: 5s, " % (i, b, every)
        if i >= count:
            f.write(head + "type: http, http: {url: \"http://127.0.0.1:%s/delay/50\"}}\n" % delay)
        elif module == "http":
            f.write(head + "type: http, http: {url: \"http://127.0.0.1:%s/?p=%d\", expect: {status: [200], "
                    "body_matches: \"ok\", header: {Content-Type: \"text/plain.*\"}, max_duration: 1s}}}\n" % (http, i))
        elif module == "tcp":
            f.write(head + "type: tcp, tcp: {host: 127.0.0.1, port: %s}}\n" % tcp)
        else:
            f.write(head + "type: dns, dns: {server: \"127.0.0.1:%s\", name: probe.bench.test, type: A, "
                    "expect: {answers_match: \"^127\\\\.0\\\\.0\\\\.1$\"}}}\n" % dns)
PY
}

start_vigil() { # start_vigil DIR [JAVA_OPTS]
  stop_vigil
  local opts="${2:-$JAVA_OPTS}"
  if ss -Hltn "sport = :$VIGIL_PORT" | grep -q .; then echo "port $VIGIL_PORT busy" >&2; exit 1; fi
  START_NS=$(date +%s%N)
  # shellcheck disable=SC2086
  java $opts -jar "$TOP/target/vigil.jar" run --config "$1/vigil.yaml" > "$1/vigil.log" 2>&1 &
  VIGIL_PID=$!
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$VIGIL_PORT/-/ready" >/dev/null && return 0; sleep 0.1; done
  echo "vigil did not become ready; see $1/vigil.log" >&2; exit 1
}
stop_vigil() {
  if [ -n "$VIGIL_PID" ] && kill -0 "$VIGIL_PID" 2>/dev/null; then
    kill -TERM "$VIGIL_PID"; for _ in $(seq 100); do kill -0 "$VIGIL_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$VIGIL_PID" 2>/dev/null || true
  fi
  VIGIL_PID=""
}
heap_after_gc() { # live heap: a full collection, then what GC.heap_info calls used (serial, G1, Shenandoah, Z)
  jcmd "$VIGIL_PID" GC.run >/dev/null 2>&1 || true
  jcmd "$VIGIL_PID" GC.heap_info 2>/dev/null | awk '
    function mib(v) { u = substr(v, length(v)); sub(/[KMG,]+$/, "", v); return u == "G" ? v * 1024 : u == "M" ? v : v / 1024 }
    /Metaspace|class space/ { next }
    { for (i = 1; i < NF; i++) {
        v = $(i+1); sub(/,$/, "", v)
        if ($i == "used" && v ~ /^[0-9]+[KMG]$/) s += mib(v)
        else if ($(i+1) ~ /^used,?$/ && $i ~ /^[0-9]+[KMG]$/) s += mib($i) } }
    END { printf "%.1f", s }'
}
memory() { # heap used (MiB, after a GC hint is not possible from outside: the gauge as is) and RSS
  local heap rss
  heap=$(metric jvm_memory_used_bytes | awk '/area="heap"/{s+=$NF} END{printf "%.1f", s/1048576}')
  rss=$(awk '/VmRSS/{printf "%.1f", $2/1024}' "/proc/$VIGIL_PID/status")
  echo "heap_used_mib=$heap rss_mib=$rss"
}

cost() { cost_with "$JAVA_OPTS"; }

failure_reasons() { # reason:count,... over the whole run (warm-up included), from vigil_probe_failures_total
  metric vigil_probe_failures_total | sed -n 's/.*reason="\([^"]*\)".* \([0-9.e+E]*\)$/\1 \2/p' |
    awk '{c[$1]+=$2} END{s=""; for (r in c) s=s (s==""?"":",") r ":" sprintf("%.0f", c[r]); print (s==""?"none":s)}'
}

cost_with() { # cost_with JAVA_OPTS
  local m n dir c0 c1 r0 r1 s0 s1 lag0 lag1 secs
  n=$((RATE * INTERVAL))
  for m in $MODULES; do
    dir="$RUN/cost-$m"; write_config "$dir" "$m" "$n" "$INTERVAL"
    start_vigil "$dir" "$1"; sleep "$WARM"
    lag_buckets > "$dir/lag0"; s0=$(sum_metric vigil_probe_stalled_runs_total)
    r0=$(sum_metric vigil_probe_runs_total); c0=$(ticks "$VIGIL_PID")
    sleep "$DUR"
    c1=$(ticks "$VIGIL_PID"); r1=$(sum_metric vigil_probe_runs_total); lag_buckets > "$dir/lag1"
    s1=$(sum_metric vigil_probe_stalled_runs_total)
    secs=$(f3 "($c1-$c0)/$HZ")
    echo "vigil module=$m probes=$n interval_s=$INTERVAL dur_s=$DUR runs=$((r1 - r0)) probes_per_s=$(f3 "($r1-$r0)/$DUR")" \
         "vigil_cpu_s=$secs vigil_cpu_s_per_1k=$(f3 "($r1>$r0)?$secs*1000/($r1-$r0):0") vigil_cores=$(f3 "$secs/$DUR")" \
         "bad_or_invalid=$(( $(metric vigil_probe_runs_total | awk '!/outcome="good"/{s+=$NF} END{printf "%.0f", s}') ))" \
         "reasons=$(failure_reasons)" \
         "lag_p99_ms=$(p99_from "$dir/lag0" "$dir/lag1") stalled=$((s1 - s0)) stalled_pct=$(f3 "($r1>$r0)?100*($s1-$s0)/($r1-$r0):0")" \
         "$(memory)" \
         "java_opts=\"$1\""
    stop_vigil
  done
}

gc() {
  local g opts
  for g in ${GCS:-serial g1 shenandoah z}; do
    case "$g" in
      serial) opts="-XX:+UseSerialGC" ;;
      g1) opts="-XX:+UseG1GC -XX:MaxGCPauseMillis=20" ;;
      shenandoah) opts="-XX:+UseShenandoahGC" ;;
      z) opts="-XX:+UseZGC" ;;
      *) echo "unknown collector $g" >&2; exit 2 ;;
    esac
    cost_with "$opts -Xss512k"
  done
}

profiler_lib() { # the async-profiler agent for this machine, fetched from Maven Central once
  local v="${ASYNC_PROFILER_VERSION:-4.1}" dir="$RUN/async-profiler"
  local jar="$HOME/.m2/repository/tools/profiler/async-profiler/$v/async-profiler-$v.jar"
  [ -f "$jar" ] || mvn -q -B dependency:get -Dartifact="tools.profiler:async-profiler:$v" >/dev/null
  [ -f "$dir/linux-x64/libasyncProfiler.so" ] || (mkdir -p "$dir" && cd "$dir" && unzip -o -q "$jar" 'linux-x64/*')
  echo "$dir/linux-x64/libasyncProfiler.so"
}

profile() {
  local m n dir lib event="${PROFILE_EVENT:-cpu}"
  lib="$(profiler_lib)"; n=$((RATE * INTERVAL))
  for m in $MODULES; do
    dir="$RUN/profile-$m"; write_config "$dir" "$m" "$n" "$INTERVAL"
    start_vigil "$dir"; sleep "$WARM"
    jcmd "$VIGIL_PID" JVMTI.agent_load "$lib" "\"start,event=$event,interval=${PROFILE_INTERVAL:-1ms}\"" >/dev/null # quoted: jcmd splits on =
    sleep "$DUR"
    jcmd "$VIGIL_PID" JVMTI.agent_load "$lib" "\"stop,collapsed,file=$dir/$event.collapsed\"" >/dev/null
    stop_vigil
    python3 - "$dir/$event.collapsed" "$m" "$event" <<'PY'
import sys, collections
path, module, event = sys.argv[1:]
# first rule that matches a stack (searched from the leaf) names its stage
SINKS = [("io/vigil/metrics/", "sink:metrics"), ("io/vigil/history/", "sink:accounting"),
         ("io/vigil/store/", "sink:store"), ("io/vigil/alert/", "sink:alerts"), ("io/vigil/boundary/", "sink:boundary-state"),
         ("io/vigil/cluster/", "sink:cluster"), ("io/vigil/status/", "status-snapshot"), ("io/vigil/web/", "web"),
         ("io/vigil/probe/", "probe"), ("io/vigil/schedule/", "scheduler")]
def stage(frames):
    leaf = frames[-1]
    joined = ";".join(frames)
    if "CompileBroker" in joined or "C2Compiler" in joined or "Compilation::" in joined:
        return "jit"
    if any(k in joined for k in ("GCTaskThread", "VMThread", "G1", "ShenandoahControl", "ZDriver", "ZWorker",
                                  "ConcurrentGCThread", "SerialHeap", "GenCollectedHeap", "WorkerThread::run")):
        return "gc"
    kernel = leaf.endswith("_[k]")
    for f in reversed(frames):
        for prefix, name in SINKS:
            if f.startswith(prefix):
                if kernel:
                    return "kernel(under " + name + ")"
                return name
    if kernel:
        sys_frames = [f for f in frames if f.endswith("_[k]") and ("sys_" in f)]
        return "kernel:" + (sys_frames[0][:-4].split("sys_")[-1] if sys_frames else "other")
    if any(f.startswith("io/netty/") for f in frames):
        return "netty"
    if any(f.startswith("io/vertx/") for f in frames):
        return "vertx"
    if any(f.startswith(("java/", "jdk/", "sun/")) for f in frames):
        return "jdk"
    return "other(native/vm)"
totals = collections.Counter()
for line in open(path):
    stack, _, count = line.rstrip("\n").rpartition(" ")
    if stack:
        totals[stage(stack.split(";"))] += int(count)
all_ = sum(totals.values()) or 1
print("vigil profile=%s module=%s samples=%d %s" % (event, module, all_,
      " ".join("%s=%.1f%%" % (k, 100.0 * v / all_) for k, v in totals.most_common())))
PY
  done
}

accuracy() {
  local dir="$RUN/accuracy" n=$(( (ACC_RATE - ACC_PROBES / 10) * 10 ))
  write_config "$dir" http "$n" 10 "$ACC_PROBES"   # delay probes at a 10 s interval too
  start_vigil "$dir"; sleep "$WARM"
  local from; from=$(date +%s%3N)
  sleep "$ACC_DUR"
  local to; to=$(date +%s%3N)
  stop_vigil   # flushes history
  sqlite3 "$dir/data/vigil.db" "SELECT r.duration_10us * 10 FROM results r JOIN probes p ON p.id = r.probe_id
      WHERE CAST(substr(p.name, 2) AS INTEGER) >= $n AND r.start_ms BETWEEN $from AND $to AND (r.code & 3) = 0" > "$dir/durations_us"
  python3 - "$dir/durations_us" "$ACC_RATE" <<'PY'
import sys, statistics as st
v = sorted(int(x) / 1000.0 - 50.0 for x in open(sys.argv[1]) if x.strip())
if not v: print("vigil check=accuracy n=0"); sys.exit()
pct = lambda p: v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]
print("vigil check=accuracy target=python_delay delay_ms=50 load_probes_per_s=%s n=%d err_mean_ms=%.3f err_p50_ms=%.3f "
      "err_p99_ms=%.3f err_max_ms=%.3f err_min_ms=%.3f" % (sys.argv[2], len(v), st.fmean(v), pct(50), pct(99), v[-1], v[0]))
PY
}

scale() {
  local dir="$RUN/scale"
  write_config "$dir" tcp "$SCALE_PROBES" 60
  start_vigil "$dir" "$SCALE_JAVA_OPTS"; sleep "$WARM"
  lag_buckets > "$dir/lag0"; local r0; r0=$(sum_metric vigil_probe_runs_total)
  sleep "$SCALE_DUR"
  local r1; r1=$(sum_metric vigil_probe_runs_total); lag_buckets > "$dir/lag1"
  echo "vigil check=scale probes=$SCALE_PROBES interval_s=60 probes_per_s=$(f3 "($r1-$r0)/$SCALE_DUR")" \
       "lag_p99_ms=$(p99_from "$dir/lag0" "$dir/lag1") $(memory) heap_after_gc_mib=$(heap_after_gc)" \
       "java_opts=\"$SCALE_JAVA_OPTS\""
  stop_vigil
}

startup() {
  local dir="$RUN/startup"
  write_config "$dir" tcp "$STARTUP_PROBES" 10
  start_vigil "$dir"
  local ready_ns; ready_ns=$(date +%s%N)
  for _ in $(seq 200); do [ "$(sum_metric vigil_probe_runs_total)" -gt 0 ] && break; sleep 0.05; done
  local first_ns; first_ns=$(date +%s%N)
  echo "vigil check=startup probes=$STARTUP_PROBES ready_s=$(f3 "($ready_ns-$START_NS)/1e9") first_run_s=$(f3 "($first_ns-$START_NS)/1e9")"
  stop_vigil
}

peer() {
  DUR=12 CONCS="${PEER_CONCS:-64}" MODULES="$MODULES" "$PEER/blackbox.sh" throughput | tee "$RUN/peer-throughput.txt"
  ACC_N="${PEER_ACC_N:-100}" ACC_DELAYS=50 "$PEER/blackbox.sh" accuracy | tee "$RUN/peer-accuracy.txt"
}

ratios() {
  local m v p
  for m in $MODULES; do
    v=$(sed -n "s/^vigil module=$m .*vigil_cpu_s_per_1k=\([0-9.]*\).*/\1/p" "$RUN/vigil.txt" | head -1)
    p=$(sed -n "s/^peer=blackbox_exporter module=$m .*cpu_s_per_1k=\([0-9.]*\).*/\1/p" "$RUN/peer-throughput.txt" | head -1)
    [ -n "$v" ] && [ -n "$p" ] && echo "ratio module=$m peer_cpu_s_per_1k=$p vigil_cpu_s_per_1k=$v peer_over_vigil=$(f3 "$p/$v")"
  done
}

mkdir -p "$RUN"
ensure_tools
ensure_targets
echo "bench=probes nproc=$(nproc) java=\"$(java -version 2>&1 | head -1)\" rate=$RATE interval_s=$INTERVAL dur_s=$DUR"
case "$MODE" in
  cost) cost ;;
  accuracy) accuracy ;;
  scale) scale ;;
  startup) startup ;;
  peer) peer ;;
  profile) profile ;;
  gc) gc ;;
  all) { cost; accuracy; startup; scale; } | tee "$RUN/vigil.txt"; peer; ratios ;;
  *) echo "usage: $0 [all|cost|accuracy|scale|startup|peer|profile|gc]" >&2; exit 2 ;;
esac
