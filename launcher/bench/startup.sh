#!/usr/bin/env bash
# Start-up time of virtbench: RUNS fresh runs of each command line; wall and CPU (user+sys)
# time, median of the runs.
#   launcher/bench/startup.sh [RUNS] [COMMAND...]     (default: java -jar launcher/target/virtbench.jar)
#   PREFIX='chrt -f 10' launcher/bench/startup.sh 10  (as root: ahead of other load on a shared machine)
# Measures COMMAND --help, and COMMAND cpu --time 1 up to its "Threads started!" line, which
# virtbench prints as sysbench does just before the workers start their first event.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
shift || true
cmd=("$@")
if [ ${#cmd[@]} -eq 0 ]; then cmd=(java -jar launcher/target/virtbench.jar); fi
read -r -a prefix <<<"${PREFIX:-}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now() { date +%s%N; }

for ((i = 0; i < runs; i++)); do
  /usr/bin/time -f "%e %U %S" -o "$tmp/t" "${prefix[@]}" "${cmd[@]}" --help >/dev/null
  awk '{print $1 * 1000}' "$tmp/t" >>"$tmp/help-wall"
  awk '{print ($2 + $3) * 1000}' "$tmp/t" >>"$tmp/help-cpu"
done
for ((i = 0; i < runs; i++)); do
  t=$(now)
  "${prefix[@]}" "${cmd[@]}" cpu --time 1 | while IFS= read -r line; do
    if [[ $line == "Threads started!" ]]; then echo $((($(now) - t) / 1000000)) >>"$tmp/first"; fi
  done
done
echo "${cmd[*]} --help: wall median $(median <"$tmp/help-wall") ms, CPU median $(median <"$tmp/help-cpu") ms ($runs runs)"
echo "${cmd[*]} cpu --time 1 to 'Threads started!': median $(median <"$tmp/first") ms ($runs runs: $(sort -n "$tmp/first" | tr '\n' ' '))"
