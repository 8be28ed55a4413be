# Sourced by the bench scripts: print_medians NAMES ALL prints, for each index i of the array named
# NAMES, "NAMES[i]: ALL[i]  median M", where ALL[i] is a space-separated list of numbers (the
# lower median when their count is even).
print_medians() {
  local -n _names=$1 _all=$2
  local i med
  for i in "${!_names[@]}"; do
    med=$(echo ${_all[$i]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
    echo "${_names[$i]}: ${_all[$i]}  median $med"
  done
}

# rotate_rounds ROUNDS NAMES ALL: ROUNDS rounds over the indexes of the array named NAMES, the
# order rotated by one every round; for each index I calls `measure I` (the caller's function,
# which prints one figure), appends the figure to ALL[I], waits a second; prints one line a round.
rotate_rounds() {
  local rounds=$1
  local -n _rn=$2 _ra=$3
  local k=${#_rn[@]} r j i v line
  for r in $(seq "$rounds"); do
    line="round $r:"
    for j in $(seq 0 $((k - 1))); do
      i=$(( (j + r - 1) % k ))
      v=$(measure "$i")
      _ra[$i]="${_ra[$i]:-} $v"; line="$line ${_rn[$i]}=$v"
      sleep 1
    done
    echo "$line  (load $(cut -d' ' -f1 /proc/loadavg))"
  done
}
