#!/usr/bin/env bash
# Lists the JIT deoptimizations during the measured part of one `virtbench http bench` run (after
# its warm-up): each one throws away compiled code of the event loop and recompiles it while the
# client is being measured, so a run faithful to ab's (compiled ahead of time) should show none in
# io.virtbench.http or Netty's epoll loop. A check, not a test: the JIT's choices depend on timing.
#
# usage: workload-http/bench/deopt.sh URL [http bench options...]   (default options: -n 100000 -c 60)
# e.g. against nginx started by bench/run.sh, or `java -jar launcher/target/virtbench.jar http serve`.
set -euo pipefail
cd "$(dirname "$0")/../.."
URL=${1:?usage: $0 URL [options]}; shift
[ $# -gt 0 ] || set -- -n 100000 -c 60
JAR=launcher/target/virtbench.jar
work=$(mktemp -d /tmp/virtbench-deopt.XXXXXX)
trap 'rm -rf "$work"' EXIT
java -Dvirtbench.debug=true -XX:StartFlightRecording:filename="$work/run.jfr",settings=profile \
  -jar "$JAR" http bench "$@" "$URL" > "$work/out.txt" 2> "$work/err.txt"
grep '^Requests per second' "$work/out.txt"
ended=$(sed -n 's/^warm-up ended at //p' "$work/err.txt")
finished=$(sed -n 's/^run ended at //p' "$work/err.txt")
[ -n "$ended" ] || { echo "deopt: no warm-up in this run (--warmup 0?)" >&2; exit 1; }
echo "measured run $ended - $finished; deoptimizations in it (time method line reason):"
jfr print --events jdk.Deoptimization "$work/run.jfr" | awk -v after="$ended" -v before="$finished" '
  /startTime = / { t = $3 }
  /method = / { m = $0; sub(/.*method = /, "", m) }
  /lineNumber = / { l = $3 }
  /reason = / { r = $3; if (t >= substr(after, 1, length(t)) && t <= substr(before, 1, length(t))) print t, m, "line " l, r }'
