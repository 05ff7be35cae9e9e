#!/usr/bin/env bash
# Crash benchmark (issue: hardening): 5 rounds of a 2-minute run of 500 probes in which Vigil is killed with
# SIGKILL twice at random moments and restarted. Checks the store opens cleanly (integrity_check), no result
# committed before a kill is lost, stable boundaries record the downtime of Vigil as unknown and never as down,
# and the webhook gets each incident's firing and resolved message once.
#   bench/crash.sh                                 # 5 rounds x 2 kills, 500 probes, 2 minutes each
#   ROUNDS=1 KILLS=1 MINUTES=0.5 PROBES=100 bench/crash.sh   # a quick look
# Prints key=value lines. Bounded: killed after ROUNDS x (MINUTES + 3) minutes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -o test-compile 2>/dev/null || mvn -q -B test-compile
cp_file=target/bench.classpath
[ -f "$cp_file" ] && [ "$cp_file" -nt pom.xml ] || mvn -q -B dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
rounds="${ROUNDS:-5}"
minutes="${MINUTES:-2}"
limit=$(( rounds * (${minutes%.*} + 3) * 60 ))
exec timeout "$limit" java -Xmx512m \
  -Dprobes="${PROBES:-500}" -Drounds="$rounds" -Dkills="${KILLS:-2}" -Dminutes="$minutes" \
  ${SEED:+-Dseed="$SEED"} \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" io.vigil.bench.CrashBench
