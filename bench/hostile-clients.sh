#!/usr/bin/env bash
# Hostile clients against a running Vigil (slow bodies on the reload path, idle connections, huge bodies, bad
# query values, all from 127.0.0.1) while a healthy client on 127.0.0.2 checks that /-/healthy and the status
# page stay answerable; the goal is p99 under 100 ms for both, with no failed healthy request.
#   bench/hostile-clients.sh                         # 60 s, 200 slow bodies, 300 idle connections
#   SECONDS_=20 SLOW=100 IDLE=100 bench/hostile-clients.sh
# Prints key=value lines. Bounded: the whole run is killed after the duration + 3 minutes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -o test-compile 2>/dev/null || mvn -q -B test-compile
cp_file=target/bench.classpath
[ -f "$cp_file" ] && [ "$cp_file" -nt pom.xml ] || mvn -q -B dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
seconds="${SECONDS_:-60}"
exec timeout $(( seconds + 180 )) java -Xmx512m -Dseconds="$seconds" -Dslow="${SLOW:-200}" -Didle="${IDLE:-300}" \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" io.vigil.bench.HostileClientsBench
