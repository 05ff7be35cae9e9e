#!/usr/bin/env bash
# Soak benchmark (issue: hardening): Vigil runs 2,000 probes, a third of them against hostile loopback targets
# (hang, reset, garbage, endless and gzip-bomb bodies, slow drip, huge header, redirect loop, bad and stalled
# TLS, bad DNS, TCP floods), for 10 minutes. Every 10 s: RSS, open file descriptors and scheduler lag; every
# minute the heap after a forced full GC; at the end the slope of each over the second half and flat=true|false.
#   bench/soak.sh                        # 2000 probes at 10 s for 10 minutes
#   PROBES=300 MINUTES=1 bench/soak.sh   # a quick look
# Prints key=value lines. Bounded: the whole run is killed after MINUTES + 5 minutes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -o test-compile 2>/dev/null || mvn -q -B test-compile
cp_file=target/bench.classpath
[ -f "$cp_file" ] && [ "$cp_file" -nt pom.xml ] || mvn -q -B dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
minutes="${MINUTES:-10}"
limit=$(( ${minutes%.*} * 60 + 300 ))
exec timeout "$limit" java -Xmx1g \
  -Dprobes="${PROBES:-2000}" -Dminutes="$minutes" -Dinterval="${INTERVAL:-10s}" \
  -Dsample.seconds="${SAMPLE_SECONDS:-10}" -Dgc.every="${GC_EVERY:-6}" -Dheap="${HEAP:-1g}" \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" io.vigil.bench.SoakBench
