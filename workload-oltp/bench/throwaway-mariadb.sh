# Sourced by the bench scripts: start_throwaway_mariadb PREFIX PORT [mariadbd options...] starts the
# system's mariadbd in a new temp dir /tmp/PREFIX.XXXXXX (127.0.0.1 only, no TLS), waits until it
# answers, creates the database sbtest, and removes it all when the script exits. Sets DIR (the
# temp dir) and SQL (a mariadb client command line, as an array).
start_throwaway_mariadb() {
  local prefix=$1 port=$2
  shift 2
  DIR=$(mktemp -d "/tmp/$prefix.XXXXXX")
  local user_opt=()
  [ "$(id -u)" = 0 ] && user_opt=(--user=root)
  mariadb-install-db --no-defaults --datadir="$DIR/data" --auth-root-authentication-method=normal --skip-test-db \
    --skip-name-resolve --force "${user_opt[@]}" >"$DIR/install.log" 2>&1
  mariadbd --no-defaults --datadir="$DIR/data" --port="$port" --bind-address=127.0.0.1 --socket="$DIR/sock" \
    --pid-file="$DIR/pid" --skip-ssl --skip-name-resolve "$@" "${user_opt[@]}" >"$DIR/server.log" 2>&1 &
  THROWAWAY_SERVER=$!
  trap 'kill $THROWAWAY_SERVER 2>/dev/null; wait $THROWAWAY_SERVER 2>/dev/null; rm -rf "$DIR"' EXIT
  SQL=(mariadb --no-defaults -h127.0.0.1 -P"$port" -uroot --skip-ssl -N -B)
  for _ in $(seq 100); do "${SQL[@]}" -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.2; done
  "${SQL[@]}" -e 'CREATE DATABASE sbtest'
}
