#!/usr/bin/env bash
# History store benchmark: sustained raw-result ingest from one node into PostgreSQL with SQLite's
# figure from the same run beside it, storage per probe-day in both, and several PostgreSQL writers at a fixed
# rate (no lost rows). Uses VIGIL_TEST_POSTGRES_URL, or starts a throw-away cluster with .ci/pg-start.
#   bench/store.sh                                   # 10 s per phase, 1000 probes, 3 writers x 2000/s
#   SECONDS_EACH=300 WRITERS=3 RATE=2000 bench/store.sh
# Prints key=value lines.
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
timeout 1800 java -Xmx2g -Dseconds="${SECONDS_EACH:-10}" -Dprobes="${PROBES:-1000}" -Dwriters="${WRITERS:-3}" \
  -Dwriter.rate="${RATE:-2000}" -Dsize.probes="${SIZE_PROBES:-10}" \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" io.vigil.store.StoreBench
