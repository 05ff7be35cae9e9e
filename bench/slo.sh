#!/usr/bin/env bash
# SLO computation and storage benchmark (issue: availability, SLOs and error budgets).
#   bench/slo.sh            # 1000 boundaries x 10 probes, 90 days of rollups; storage with 50 probes
#   BOUNDARIES=200 PROBES=10 STORAGE_PROBES=20 bench/slo.sh
# Prints key=value lines; see bench/README.md for what each figure means.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -o test-compile 2>/dev/null || mvn -q -B test-compile
cp_file=target/bench.classpath
[ -f "$cp_file" ] && [ "$cp_file" -nt pom.xml ] || mvn -q -B dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
exec timeout 900 java -Xmx2g -XX:+UseParallelGC \
  -Dboundaries="${BOUNDARIES:-1000}" -Dprobes="${PROBES:-10}" -Dstorage.probes="${STORAGE_PROBES:-50}" \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" io.vigil.bench.SloBench
