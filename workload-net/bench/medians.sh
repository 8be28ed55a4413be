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
