#!/usr/bin/env bash
# History store benchmark: sustained raw-result ingest from one node into PostgreSQL with SQLite's figure from
# the same run beside it; storage per probe-day in both (a simulated day through accounting, as bench/slo.sh
# measures SQLite); several PostgreSQL writers at a fixed rate inserting the same notifications (rows per node
# against runs, outbox rows against distinct keys, failed commits, deadlocks); start-up of a node against 90 days
# of rollups for 1,000 probes. Uses VIGIL_TEST_POSTGRES_URL, or starts a throw-away cluster with .ci/pg-start.
#   bench/store.sh                                   # 10 s per timed phase, 1000 probes, 3 writers x 2000/s
#   SECONDS_EACH=300 WRITERS=3 RATE=2000 bench/store.sh
#   PHASES=writers,startup bench/store.sh           # some of ingest,storage,writers,startup
# Prints key=value lines, one or more per phase.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -o test-compile 2>/dev/null || mvn -q -B test-compile
cp_file=target/bench.classpath
[ -f "$cp_file" ] && [ "$cp_file" -nt pom.xml ] || mvn -q -B dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
if [ -z "${VIGIL_TEST_POSTGRES_URL:-}" ]; then
  pg="$(.ci/pg-start)"
  pg_dir="$(printf '%s\n' "$pg" | sed -n 1p)"
  trap '.ci/pg-stop "$pg_dir"' EXIT
  export VIGIL_TEST_POSTGRES_URL="$(printf '%s\n' "$pg" | sed -n 2p)"
fi
timeout 3600 java -Xmx2g -Dseconds="${SECONDS_EACH:-10}" -Dprobes="${PROBES:-1000}" -Dwriters="${WRITERS:-3}" \
  -Dwriter.rate="${RATE:-2000}" -Dsize.probes="${SIZE_PROBES:-50}" -Dstartup.probes="${STARTUP_PROBES:-1000}" \
  -Dstartup.days="${STARTUP_DAYS:-90}" -Dphases="${PHASES:-ingest,storage,writers,startup}" \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" io.vigil.store.StoreBench
