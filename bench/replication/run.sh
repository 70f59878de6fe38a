#!/usr/bin/env bash
# Replication benchmark: how long after a delivery's 250 on the master the message is on a replica,
# at fixed delivery rates, and how fast a replica that was down during many deliveries catches up.
#
#   bench/replication/run.sh                      the full run; results into docs/benchmarks.md
#   BENCH_LAG_SECONDS=5 BENCH_CATCHUP_MESSAGES=10000 BENCH_ACCOUNTS=10 BENCH_REPORT= bench/replication/run.sh
#                                                 a quick run that leaves the report alone
#
# It runs `./slotmail up` (one store: s1 the master, s2 and s3 its replicas, each its own process)
# on its own data directory and ports, all on loopback, and the generator bench/.../replication/
# ReplicationBench.java against it:
#   1. lag: one LMTP connection per account delivers at the rate (open loop: each message has its
#      time), and a session to s2's sync server asks for the INBOXes' states at most every
#      BENCH_POLL_MICROS; a message is visible once s2's UIDNEXT for its INBOX passed its UID.
#      Reported: from each measured message's 250 to that moment, p50/p99/max.
#   2. catch-up: s2 is stopped (SIGTERM), BENCH_CATCHUP_MESSAGES messages are delivered to the
#      master as fast as it takes them (s3 keeps replicating; the run waits until s3 is caught up),
#      then s2 is started again with the very command line `up` gave it; timed from that start
#      until the master's channel to s2 is empty (admin API, GET /status).
#
# Settings (environment):
#   BENCH_RATES="100 1000"        deliveries per second, one lag run each
#   BENCH_LAG_SECONDS=20          measured seconds per rate, after BENCH_WARMUP_SECONDS=5 unmeasured
#   BENCH_ACCOUNTS=50             accounts, one LMTP connection each in the lag runs (at 1,000/s each
#                                 connection has 50 ms per message; fewer fall behind the schedule)
#   BENCH_SIZE=3k                 message size, headers included
#   BENCH_POLL_MICROS=1000        how often at most the watcher asks the replica
#   BENCH_CATCHUP_MESSAGES=100000  BENCH_FILL_SESSIONS=8
#   BENCH_SERVER_WARMUP=20000     unmeasured deliveries (as fast as taken, both replicas up) before the
#                                 lag runs, so that no slot's JIT compiler is measured cold
#   BENCH_DIR=bench/results/replication-<time>   data, logs and raw results; must be on a disk
#   BENCH_KEEP=1                  keep the data directory afterwards (default: removed, logs kept)
#   BENCH_REPORT=docs/benchmarks.md   where the "## Replication" section is replaced; empty: nowhere
#   SLOTMAIL_PORT_BASE=30000      up's --port-base (LMTP on +24, sync +871..873, admin +881..883)
#   SLOTMAIL_CMD=./slotmail       the launcher to run
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

die() { echo "bench/replication: $*" >&2; exit 1; }
say() { echo "bench/replication: $*" >&2; }

case "${1:-}" in
  -h|--help) sed -n '2,/^set -euo/p' "$ROOT/bench/replication/run.sh" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) die "takes no arguments; settings are environment variables (see --help)" ;;
esac

COMMAND=
while IFS='=' read -r name value; do
  [[ $value == *[[:space:]]* || -z $value ]] && value="\"$value\""
  COMMAND+="$name=$value "
done < <(env | grep -E '^(BENCH|SLOTMAIL)_[A-Z_]*=' | sort)
COMMAND+="bench/replication/run.sh"

RATES=${BENCH_RATES:-100 1000}
LAG_SECONDS=${BENCH_LAG_SECONDS:-20}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-5}
ACCOUNTS=${BENCH_ACCOUNTS:-50}
SIZE=${BENCH_SIZE:-3k}
POLL_MICROS=${BENCH_POLL_MICROS:-1000}
CATCHUP_MESSAGES=${BENCH_CATCHUP_MESSAGES:-100000}
FILL_SESSIONS=${BENCH_FILL_SESSIONS:-8}
SERVER_WARMUP=${BENCH_SERVER_WARMUP:-20000}
BENCH_DIR=${BENCH_DIR:-$ROOT/bench/results/replication-$(date +%Y%m%d-%H%M%S)}
KEEP=${BENCH_KEEP:-0}
REPORT=${BENCH_REPORT-$ROOT/docs/benchmarks.md}
PORT_BASE=${SLOTMAIL_PORT_BASE:-30000}
SLOTMAIL_CMD=${SLOTMAIL_CMD:-$ROOT/slotmail}
DOMAIN=example.com
PREFIX=repl
REPLICA=s2      # the replica watched for lag, and stopped for the catch-up
OTHER=s3        # the replica that stays up

for n in "$LAG_SECONDS" "$ACCOUNTS" "$POLL_MICROS" "$CATCHUP_MESSAGES" "$FILL_SESSIONS" "$PORT_BASE"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "settings must be positive numbers, not '$n'"
done
[[ $WARMUP_SECONDS =~ ^[0-9]+$ ]] || die "BENCH_WARMUP_SECONDS must be a number"
[[ $SERVER_WARMUP =~ ^[0-9]+$ ]] || die "BENCH_SERVER_WARMUP must be a number"
for r in $RATES; do [[ $r =~ ^[1-9][0-9]*$ ]] || die "BENCH_RATES: not a rate: '$r'"; done

# ---------------------------------------------------------------- prerequisites

java_feature() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}
find_java() {
  local cand v; local -a cands=()
  [ -n "${JAVA_HOME:-}" ] && cands+=("$JAVA_HOME/bin/java")
  cand=$(command -v java 2>/dev/null) && cands+=("$(readlink -f "$cand")")
  for cand in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do cands+=("${cand%/}/bin/java"); done
  for cand in "${cands[@]}"; do
    [ -x "$cand" ] || continue
    v=$(java_feature "$cand")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then printf '%s\n' "$cand"; return 0; fi
  done
  return 1
}
JAVA=$(find_java) || die "need a JDK 25 or newer (set JAVA_HOME)"
export JAVA_HOME; JAVA_HOME=$(dirname "$(dirname "$JAVA")")

mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
DATA=$BENCH_DIR/data
FS_TYPE=$(df --output=fstype "$BENCH_DIR" | tail -n1)
case $FS_TYPE in tmpfs|ramfs) die "BENCH_DIR $BENCH_DIR is on $FS_TYPE, where fsync costs nothing; use a disk";; esac
[ ! -e "$DATA" ] || die "$DATA exists; give each run its own BENCH_DIR"

# The generator: rebuilt only when its sources changed (or the modules it copies are newer).
# -am because on a fresh clone the modules it depends on are not in the local Maven repository.
GEN_JAR=$(ls "$ROOT"/bench/target/lib/slotmail-bench-*.jar 2>/dev/null | head -n1 || true)
if [ -z "$GEN_JAR" ] || [ ! -e "$ROOT/bench/target/lib/$(cd "$ROOT/sync/target" 2>/dev/null && ls slotmail-sync-*.jar 2>/dev/null | head -n1)" ] \
   || [ -n "$(find "$ROOT/bench/src/main" "$ROOT/bench/pom.xml" "$ROOT/sync/src/main" "$ROOT/slot-api/src/main" -newer "$GEN_JAR" -print -quit)" ]; then
  say "building the generator..."
  "$ROOT/mvnw" -q -B -ntp -pl bench -am package -DskipTests >"$BENCH_DIR/build.log" 2>&1 \
    || { tail -n 30 "$BENCH_DIR/build.log" >&2; die "building bench failed; log: $BENCH_DIR/build.log"; }
fi
GEN_CP="$ROOT/bench/target/lib/*"

say "building Slotmail if its sources changed..."
"$SLOTMAIL_CMD" --help >/dev/null || die "$SLOTMAIL_CMD --help fails; if it was building, see cli/build.log"

port_open() { (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null; }
port_open $(( PORT_BASE + 24 )) && die "port $(( PORT_BASE + 24 )) is in use; set SLOTMAIL_PORT_BASE"
for k in 1 2 3; do
  for host in 127.0.1.$k 127.0.0.1; do
    port_open $(( PORT_BASE + 870 + k )) $host && die "port $(( PORT_BASE + 870 + k )) is in use on $host; set SLOTMAIL_PORT_BASE"
  done
done

RESULTS=$BENCH_DIR/results.txt
: >"$RESULTS"
SLOTMAIL_COMMIT=$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)
LOAD_START=$(cut -d' ' -f1 /proc/loadavg)

# ---------------------------------------------------------------- processes

UP_PID= REPLICA_PID=
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }
stop_pid() {  # pid name: SIGTERM, then up to 60 s for a clean exit, then SIGKILL; returns its status
  local pid=$1 name=$2 i status=0
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for (( i = 0; i < 600; i++ )); do alive "$pid" || break; sleep 0.1; done
  if alive "$pid"; then
    say "$name did not stop within 60 s of SIGTERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || status=$?
  return $status
}
cleanup() {
  local rc=$?
  stop_pid "$REPLICA_PID" "the restarted $REPLICA" || true; REPLICA_PID=
  stop_pid "$UP_PID" "slotmail up" || true; UP_PID=
  [ "$KEEP" = 1 ] || rm -rf "$DATA"
  [ $rc -eq 0 ] || say "stopped; logs and raw results in $BENCH_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

gen() {  # subcommand args... -> its result line on stdout; its progress and errors go to gen.log
  "$JAVA" -cp "$GEN_CP" org.slotmail.bench.replication.ReplicationBench "$1" \
    --admin "$(admin_of s1)" --admin-token-file "$DATA/admin-token" --secret-file "$DATA/replication-secret" \
    --user-prefix "$PREFIX" --domain "$DOMAIN" "${@:2}" 2> >(tee -a "$BENCH_DIR/gen.log" >&2)
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

# ---------------------------------------------------------------- accounts and the store

say "adding $ACCOUNTS accounts..."
PASSWORD="pw-secret-bench-$RANDOM$RANDOM$RANDOM"
for (( n = 1; n <= ACCOUNTS; n++ )); do
  printf '%s\n' "$PASSWORD" | "$SLOTMAIL_CMD" user add "$PREFIX$n@$DOMAIN" --password-stdin --data "$DATA" >>"$BENCH_DIR/users.log" 2>&1 \
    || { tail -n 5 "$BENCH_DIR/users.log" >&2; die "slotmail user add $PREFIX$n@$DOMAIN failed"; }
done

UP_LOG=$BENCH_DIR/up.log
say "starting slotmail up (port base $PORT_BASE)..."
"$SLOTMAIL_CMD" up --data "$DATA" --port-base "$PORT_BASE" >"$UP_LOG" 2>&1 </dev/null &
UP_PID=$!
for (( i = 0; i < 1800; i++ )); do
  grep -qE '^slotmail ready[[:space:]]*$' "$UP_LOG" && break
  alive "$UP_PID" || { tail -n 20 "$UP_LOG" >&2; die "slotmail up exited while starting; log: $UP_LOG"; }
  sleep 0.1
done
grep -qE '^slotmail ready[[:space:]]*$' "$UP_LOG" || { tail -n 20 "$UP_LOG" >&2; die "slotmail up was not ready within 180 s"; }
LMTP=$(sed -n 's/^LMTP  *\([0-9.]*:[0-9]*\).*/\1/p' "$UP_LOG" | head -n1)
slot_line() { grep -E "^slot $1 " "$UP_LOG" | head -n1; }
admin_of() { slot_line "$1" | sed -n 's/.* admin \([0-9.]*:[0-9]*\).*/\1/p'; }
sync_of() { slot_line "$1" | sed -n 's/.* sync \([0-9.]*:[0-9]*\).*/\1/p'; }
[ -n "$LMTP" ] && [ -n "$(admin_of s1)" ] && [ -n "$(sync_of "$REPLICA")" ] \
  || die "cannot read the addresses from up's output ($UP_LOG)"
say "ready: LMTP $LMTP, master admin $(admin_of s1), $REPLICA sync $(sync_of "$REPLICA")"

check_up() { alive "$UP_PID" || die "slotmail up died $1; log: $UP_LOG"; }

# ---------------------------------------------------------------- warm-up

WARM=
if [ "$SERVER_WARMUP" -gt 0 ]; then
  say "warm-up: $SERVER_WARMUP deliveries ($FILL_SESSIONS sessions), then waiting for both replicas..."
  WARM=$(gen fill --lmtp "$LMTP" --accounts "$ACCOUNTS" --messages "$SERVER_WARMUP" --sessions "$FILL_SESSIONS" \
    --size "$SIZE" --await-channel "$REPLICA" --await-channel "$OTHER") \
    || { check_up "during the warm-up"; die "the warm-up failed; see $BENCH_DIR/gen.log"; }
  echo "warmup $WARM" >>"$RESULTS"
  say "  $(field "$WARM" per_s) messages/s"
fi

# ---------------------------------------------------------------- lag

declare -A LAG=()
rates_csv=$(tr ' ' ',' <<<"$RATES" | sed 's/,,*/,/g; s/^,//; s/,$//')
say "lag: rates $RATES/s, ${WARMUP_SECONDS} s + ${LAG_SECONDS} s each, $ACCOUNTS connections, $REPLICA polled every ${POLL_MICROS} µs at most..."
out=$(gen lag --lmtp "$LMTP" --accounts "$ACCOUNTS" --replica-sync "$(sync_of "$REPLICA")" --channel "$REPLICA" \
  --rate "$rates_csv" --seconds "$LAG_SECONDS" --warmup-seconds "$WARMUP_SECONDS" --size "$SIZE" \
  --poll-micros "$POLL_MICROS") || { check_up "during the lag runs"; die "the lag runs failed; see $BENCH_DIR/gen.log"; }
echo "$out" >>"$RESULTS"
while read -r line; do
  LAG[$(field "$line" rate)]=$line
  say "  $(field "$line" rate)/s: lag p50 $(field "$line" lag_p50_ms) ms, p99 $(field "$line" lag_p99_ms) ms, max $(field "$line" lag_max_ms) ms"
done < <(grep '^replication-lag ' <<<"$out")
check_up "during the lag runs"

# ---------------------------------------------------------------- catch-up

config=$DATA/slots/$REPLICA/slot.yaml
pid=$(pgrep -f -- "--config $config" | head -n1 || true)
[ -n "$pid" ] || die "cannot find $REPLICA's process (slot run --config $config)"
# The command line up gave it, but without --exit-with-parent: its parent is now this script.
mapfile -d '' -t REPLICA_CMD <"/proc/$pid/cmdline"
REPLICA_CMD=("${REPLICA_CMD[@]/--exit-with-parent}")
for i in "${!REPLICA_CMD[@]}"; do [ -n "${REPLICA_CMD[$i]}" ] || unset 'REPLICA_CMD[i]'; done
say "catch-up: stopping $REPLICA (pid $pid)..."
kill -TERM "$pid"
for (( i = 0; i < 600; i++ )); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && die "$REPLICA did not stop within 60 s"

say "catch-up: delivering $CATCHUP_MESSAGES messages with $REPLICA down ($FILL_SESSIONS sessions), then waiting for $OTHER..."
FILL=$(gen fill --lmtp "$LMTP" --accounts "$ACCOUNTS" --messages "$CATCHUP_MESSAGES" --sessions "$FILL_SESSIONS" \
  --size "$SIZE" --await-channel "$OTHER") || { check_up "while filling"; die "filling failed; see $BENCH_DIR/gen.log"; }
echo "$FILL" >>"$RESULTS"
say "  $(field "$FILL" per_s) messages/s; $OTHER caught up $(field "$FILL" "awaited_${OTHER}_s") s later; backlog for $REPLICA: $(field "$FILL" "backlog_$REPLICA")"

say "catch-up: starting $REPLICA again..."
LOAD_CATCHUP=$(cut -d' ' -f1 /proc/loadavg)
STARTED_AT=$(date +%s%3N)
"${REPLICA_CMD[@]}" >"$BENCH_DIR/$REPLICA-restarted.log" 2>&1 </dev/null &
REPLICA_PID=$!
CATCHUP=$(gen catch-up --accounts "$ACCOUNTS" --replica-sync "$(sync_of "$REPLICA")" --master-sync "$(sync_of s1)" \
  --channel "$REPLICA" --started-at-ms "$STARTED_AT") \
  || { alive "$REPLICA_PID" || say "$REPLICA died: $(tail -n 3 "$BENCH_DIR/$REPLICA-restarted.log")"; die "the catch-up failed; see $BENCH_DIR/gen.log"; }
echo "$CATCHUP" >>"$RESULTS"
say "  $(field "$CATCHUP" messages) messages in $(field "$CATCHUP" start_to_empty_s) s: $(field "$CATCHUP" per_s) messages/s"

# Clean stops are part of the result.
FAILED=0
stop_pid "$REPLICA_PID" "the restarted $REPLICA" || { status=$?; [ $status -eq 143 ] || { FAILED=1; say "$REPLICA exited with status $status on SIGTERM"; }; }
REPLICA_PID=
stop_pid "$UP_PID" "slotmail up" || { status=$?; [ $status -eq 143 ] || { FAILED=1; say "slotmail up exited with status $status on SIGTERM"; }; }
UP_PID=
LOAD_END=$(cut -d' ' -f1 /proc/loadavg)

# ---------------------------------------------------------------- the report

commas() { sed ':a; s/\B[0-9]\{3\}\>/,&/; ta' <<<"$1"; }
size_label() { case $1 in *k|*K) echo "${1%[kK]} KB";; *m|*M) echo "${1%[mM]} MB";; *) echo "$1 bytes";; esac; }
met() {  # value op limit -> met / missed
  awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { ok = (op == "<") ? (v + 0 < l + 0) : (v + 0 >= l + 0); print ok ? "met" : "missed" }'
}

{
  echo "## Replication"
  echo
  echo "Written by \`bench/replication/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); rerun it to replace this section."
  echo "Method, checks and findings: the next section."
  echo
  echo "- Command: \`$COMMAND\`"
  echo "- Machine: $(nproc) CPUs ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1)), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory, Linux $(uname -r), $(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "- Disk: $FS_TYPE on $(df --output=source "$BENCH_DIR" | tail -n1) (data in \`${BENCH_DIR#"$ROOT"/}\`)"
  echo "- Java: $("$JAVA" -version 2>&1 | head -n1); 1-minute load average $LOAD_START before \`up\` started, $LOAD_CATCHUP before the catch-up, $LOAD_END at the end (other work on the machine shows here; each row has its own)"
  echo "- Slotmail: commit \`$SLOTMAIL_COMMIT\`, \`./slotmail up --port-base $PORT_BASE\`: three slot processes on this machine, s1 the master, s2 (watched, stopped for the catch-up) and s3 replicas, each with its own TLS sync server; every 250 is durable on the master, every apply durable on the replica"
  [ -n "$WARM" ] && echo "- Warm-up: $(commas "$SERVER_WARMUP") unmeasured deliveries first ($(field "$WARM" per_s) messages/s over $FILL_SESSIONS sessions, both replicas up), so no slot is measured with a cold JIT compiler"
  echo "- Lag: $ACCOUNTS accounts, one LMTP connection each, $(size_label "$SIZE") messages at a fixed rate (open loop); ${WARMUP_SECONDS} s unmeasured, then ${LAG_SECONDS} s measured per rate; $REPLICA's INBOX states asked over its sync protocol at most every ${POLL_MICROS} µs"
  echo
  echo "| deliveries/s | measured | lag p50 | lag p99 | lag max | > 50 ms | target | 250 p50 / p99 | late sends | polls: round trip p50 / p99 | load |"
  echo "|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|"
  for r in $RATES; do
    l=${LAG[$r]:-}
    [ -n "$l" ] || continue
    target="—"
    [ "$r" = 1000 ] && target="p99 < 50 ms: $(met "$(field "$l" lag_p99_ms)" '<' 50)"
    printf '| %s | %s | %s ms | %s ms | %s ms | %s | %s | %s / %s ms | %s | %s / %s ms | %s → %s |\n' \
      "$(commas "$r")" "$(commas "$(field "$l" measured)")" "$(field "$l" lag_p50_ms)" "$(field "$l" lag_p99_ms)" \
      "$(field "$l" lag_max_ms)" "$(field "$l" lag_over_50ms)" "$target" "$(field "$l" reply_p50_ms)" \
      "$(field "$l" reply_p99_ms)" "$(field "$l" late_sends)" "$(field "$l" poll_rtt_p50_ms)" \
      "$(field "$l" poll_rtt_p99_ms)" "$(field "$l" load_before)" "$(field "$l" load_after)"
  done
  echo
  echo "Catch-up: $(commas "$(field "$CATCHUP" messages)") messages of $(size_label "$SIZE") delivered to $ACCOUNTS accounts while $REPLICA was down ($(field "$FILL" per_s) messages/s over $FILL_SESSIONS sessions; the channel held $(commas "$(field "$CATCHUP" backlog_entries)") entries), then $REPLICA started again:"
  echo
  echo "| process start → sync port listening | → first messages applied | → all applied | → channel empty | total | messages/s | from listening | target |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---|"
  printf '| %s s | %s s | %s s | %s s | %s s | %s | %s | ≥ 5,000/s: %s |\n' \
    "$(field "$CATCHUP" start_to_listening_s)" "$(field "$CATCHUP" listening_to_first_apply_s)" \
    "$(field "$CATCHUP" first_to_last_apply_s)" "$(field "$CATCHUP" last_apply_to_empty_s)" \
    "$(field "$CATCHUP" start_to_empty_s)" "$(commas "$(field "$CATCHUP" per_s)")" \
    "$(commas "$(field "$CATCHUP" per_s_from_listening)")" "$(met "$(field "$CATCHUP" per_s)" '>=' 5000)"
  echo
} >"$BENCH_DIR/report.md"

cat "$BENCH_DIR/report.md"
[ "$FAILED" -eq 0 ] || die "a slot did not stop cleanly; report not written; results in $BENCH_DIR"
[ -n "$REPORT" ] || { say "done (BENCH_REPORT empty: no report written); raw results in $RESULTS"; exit 0; }

# Replace the section from its heading to the next "## " heading; append it if there is none.
mkdir -p "$(dirname "$REPORT")"
[ -f "$REPORT" ] || printf '# Benchmarks\n\n' >"$REPORT"
awk -v section="$BENCH_DIR/report.md" '
  function emit() { while ((getline l < section) > 0) print l; done = 1 }
  $0 == "## Replication" { emit(); skip = 1; next }
  skip && /^## / { skip = 0 }
  !skip { print }
  END { if (!done) { print ""; emit() } }
' "$REPORT" >"$REPORT.tmp" && mv "$REPORT.tmp" "$REPORT"
say "done: ${REPORT#"$ROOT"/} updated; raw results in $RESULTS"
