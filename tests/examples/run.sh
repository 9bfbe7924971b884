#!/bin/sh
# Runs one example scenario: a server, then one or more clients against
# it, and checks exit statuses and output. Every step has a time limit;
# servers listen on a free port of 127.0.0.1 and print it.
#
#   run.sh --server CMD [--client CMD]... [--expect RE]... [--expect-server RE]...
#          [--client-rc N] [--setup CMD] [--needs PROGRAM]
#
# In the commands: @PORT@ / @PORT2@ are the ports the server printed
# ("listening on P [P2]" or openssl's "ACCEPT host:P"), @TMP@ a scratch
# directory. Commands run with sh -c (pipes allowed). --expect REs are
# extended regular expressions the clients' output must match,
# --expect-server ones the server's. --client-rc: the exit status every
# client must have (default 0). --needs: skip (77) when PROGRAM is absent.
set -u
server=""
setup=""
clients=""
nclients=0
client_rc=0
expects=""
sexpects=""
nl='
'
while [ $# -gt 0 ]; do
  case "$1" in
    --server) server=$2; shift 2 ;;
    --setup) setup=$2; shift 2 ;;
    --client) clients="$clients$2$nl"; nclients=$((nclients + 1)); shift 2 ;;
    --expect) expects="$expects$2$nl"; shift 2 ;;
    --expect-server) sexpects="$sexpects$2$nl"; shift 2 ;;
    --client-rc) client_rc=$2; shift 2 ;;
    --needs) command -v "$2" >/dev/null 2>&1 || { echo "SKIP: $2 not installed"; exit 77; }; shift 2 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

tmp=$(mktemp -d)
spid=""
cleanup() {
  if [ -n "$spid" ]; then kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null; fi
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

fail() {
  echo "FAIL: $1"
  echo "---- server output"; cat "$tmp/server.out" 2>/dev/null
  echo "---- client output"; cat "$tmp/client.out" 2>/dev/null
  exit 1
}

subst() {
  printf '%s' "$1" | sed -e "s|@PORT@|$port|g" -e "s|@PORT2@|$port2|g" -e "s|@TMP@|$tmp|g"
}

port=""
port2=""
if [ -n "$setup" ]; then
  sh -c "$(subst "$setup")" > "$tmp/setup.out" 2>&1 || { cat "$tmp/setup.out"; fail "setup"; }
fi

# Start the server and wait (at most 10 s) for its port.
timeout 60 sh -c "exec $(subst "$server")" > "$tmp/server.out" 2>&1 < /dev/null &
spid=$!
i=0
while [ $i -lt 100 ]; do
  line=$(grep -m1 -E '^listening on |^ACCEPT ' "$tmp/server.out" 2>/dev/null)
  if [ -n "$line" ]; then
    case "$line" in
      listening*) set -- $line; port=$3; port2=${4:-} ;;
      ACCEPT*) port=${line##*:} ;;
    esac
    break
  fi
  kill -0 "$spid" 2>/dev/null || fail "server exited before listening"
  sleep 0.1
  i=$((i + 1))
done
[ -n "$port" ] || fail "server did not listen within 10 s"

# The clients, one after the other, each within 30 s.
: > "$tmp/client.out"
printf '%s' "$clients" | while IFS= read -r c; do
  [ -n "$c" ] || continue
  cmd=$(subst "$c")
  echo "\$ $cmd" >> "$tmp/client.out"
  timeout 30 sh -c "$cmd" >> "$tmp/client.out" 2>&1 < /dev/null
  rc=$?
  echo "[exit $rc]" >> "$tmp/client.out"
  if [ "$rc" != "$client_rc" ]; then
    echo "client exit status $rc, expected $client_rc" > "$tmp/client.rc"
  fi
done
[ -f "$tmp/client.rc" ] && fail "$(cat "$tmp/client.rc")"

# Let the server finish what it was serving (at most 10 s).
i=0
while kill -0 "$spid" 2>/dev/null && [ $i -lt 100 ]; do
  sleep 0.1
  i=$((i + 1))
done

printf '%s' "$expects" | while IFS= read -r re; do
  [ -n "$re" ] || continue
  grep -q -E -e "$re" "$tmp/client.out" || { echo "$re" > "$tmp/missing"; break; }
done
[ -f "$tmp/missing" ] && fail "client output lacks: $(cat "$tmp/missing")"
printf '%s' "$sexpects" | while IFS= read -r re; do
  [ -n "$re" ] || continue
  grep -q -E -e "$re" "$tmp/server.out" || { echo "$re" > "$tmp/missing"; break; }
done
[ -f "$tmp/missing" ] && fail "server output lacks: $(cat "$tmp/missing")"
echo "---- client output"; cat "$tmp/client.out"
echo "PASS ($nclients client run(s))"
exit 0
