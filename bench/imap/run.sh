#!/usr/bin/env bash
# IMAP benchmark: Slotmail against Dovecot, on this machine, in one run.
#
#   bench/imap/run.sh                          the full matrix, results into docs/benchmarks.md
#   BENCH_QUICK=1 bench/imap/run.sh            a quick run (2,000 messages, short loads) while developing
#
# Both servers listen on 127.0.0.1 only; no traffic leaves the machine. Each mailbox size gets
# an account of its own on both servers, filled with the same messages (bench/.../imap/
# MailboxCorpus.java): over LMTP into Slotmail, as Maildir files (what Dovecot's own delivery
# would leave) for Dovecot. Then, per size, one load generator (bench/.../imap/ImapBench.java)
# times each row against both servers, interleaved: a warm-up trial each, then BENCH_RUNS
# trials each, alternating which server goes first; the medians go into the report.
#
# Settings (environment):
#   BENCH_QUICK=1                 2,000 messages, 10 s mixed-load runs, 500 idle connections
#   BENCH_SIZES="10000 100000"    INBOX sizes (messages)
#   BENCH_ROWS="select fetch-summary fetch-flags fetch-changedsince search-body mixed idle"
#   BENCH_RUNS=5  BENCH_WARMUP=1  measured and unmeasured trials per timed row and server
#   BENCH_MIXED_RUNS=3            measured runs of the mixed load per server
#   BENCH_SERVER_WARMUP=10        unmeasured trials of every timed row per server before the first
#                                 row, so a JIT-compiled server is not measured cold (at most 49)
#   BENCH_MIXED_CLIENTS=50  BENCH_MIXED_SECONDS=30  BENCH_MIXED_WARMUP_SECONDS=10
#   BENCH_IDLE_CONNECTIONS=5000   connections idling in IDLE for the memory row
#   BENCH_IDLE_SOURCES=127.0.0.2,...,127.0.0.7   client addresses for them (Slotmail allows 1,000 per address)
#   BENCH_CHANGED_AWAY_MS=1000    fetch-changedsince: the resynchronising client comes back this long
#                                 after the other session's change (0: at once, as before 2026-12-07)
#   BENCH_QUIET_IDLE=90  BENCH_QUIET_MAX=600   after the fill, wait until the CPUs are this % idle
#                                 over 2 × 5 s (at most this many seconds) before timing anything
#   BENCH_TARGETS="slotmail dovecot"
#   BENCH_JFR=1                   record a JFR profile of Slotmail during each row (BENCH_DIR/jfr/)
#   BENCH_DIR=bench/results/imap-<time>  data, logs and raw results; must be on a disk, not tmpfs
#   BENCH_KEEP=1                  keep both servers' mail afterwards (default: removed, logs kept)
#   BENCH_REPORT=docs/benchmarks.md   where the "## IMAP" section is replaced
#   DOVECOT_MAIL_USER=mail        the unprivileged user Dovecot keeps mail as
#   DOVECOT_PASSWORD_SCHEME=argon2id  Dovecot's stored password: argon2id (Slotmail's own hash,
#                                 the default) or plain (free logins: what the rest of a session costs)
#   DOVECOT_PORT=24143  SLOTMAIL_PORT_BASE=23000 (Slotmail's IMAP is the base + 143, LMTP + 24)
#   SLOTMAIL_CMD=./slotmail       the launcher to run
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

die() { echo "bench/imap: $*" >&2; exit 1; }
say() { echo "bench/imap: $*" >&2; }

case "${1:-}" in
  -h|--help) sed -n '2,/^set -euo/p' "$ROOT/bench/imap/run.sh" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) die "takes no arguments; settings are environment variables (see --help)" ;;
esac

# The command exactly as given, with the settings that were set, for the report.
COMMAND=
while IFS='=' read -r name value; do
  [[ $value == *[[:space:]]* ]] && value="\"$value\""
  COMMAND+="$name=$value "
done < <(env | grep -E '^(BENCH|DOVECOT|SLOTMAIL)_[A-Z_]*=' | sort)
COMMAND+="bench/imap/run.sh"

QUICK=${BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then
  SIZES=${BENCH_SIZES:-2000}; MIXED_SECONDS=${BENCH_MIXED_SECONDS:-10}; MIXED_WARMUP=${BENCH_MIXED_WARMUP_SECONDS:-5}
  IDLE_CONNECTIONS=${BENCH_IDLE_CONNECTIONS:-500}
else
  SIZES=${BENCH_SIZES:-10000 100000}; MIXED_SECONDS=${BENCH_MIXED_SECONDS:-30}; MIXED_WARMUP=${BENCH_MIXED_WARMUP_SECONDS:-10}
  IDLE_CONNECTIONS=${BENCH_IDLE_CONNECTIONS:-5000}
fi
ROWS=${BENCH_ROWS:-select fetch-summary fetch-flags fetch-changedsince search-body mixed idle}
RUNS=${BENCH_RUNS:-5}
MIXED_RUNS=${BENCH_MIXED_RUNS:-3}
WARMUP=${BENCH_WARMUP:-1}
SERVER_WARMUP=${BENCH_SERVER_WARMUP:-10}
CHANGED_AWAY_MS=${BENCH_CHANGED_AWAY_MS:-1000}
MIXED_CLIENTS=${BENCH_MIXED_CLIENTS:-50}
IDLE_SOURCES=${BENCH_IDLE_SOURCES:-127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5,127.0.0.6,127.0.0.7}
TARGETS=${BENCH_TARGETS:-slotmail dovecot}
JFR=${BENCH_JFR:-0}
BENCH_DIR=${BENCH_DIR:-$ROOT/bench/results/imap-$(date +%Y%m%d-%H%M%S)}
KEEP=${BENCH_KEEP:-0}
REPORT=${BENCH_REPORT:-$ROOT/docs/benchmarks.md}
DOVECOT_MAIL_USER=${DOVECOT_MAIL_USER:-mail}
DOVECOT_PASSWORD_SCHEME=${DOVECOT_PASSWORD_SCHEME:-argon2id}
DOVECOT_PORT=${DOVECOT_PORT:-24143}
SLOTMAIL_PORT_BASE=${SLOTMAIL_PORT_BASE:-23000}
SLOTMAIL_IMAP_PORT=$(( SLOTMAIL_PORT_BASE + 143 ))
SLOTMAIL_LMTP_PORT=$(( SLOTMAIL_PORT_BASE + 24 ))
SLOTMAIL_CMD=${SLOTMAIL_CMD:-$ROOT/slotmail}
DOMAIN=example.com

for t in $TARGETS; do
  case $t in slotmail|dovecot) ;; *) die "BENCH_TARGETS: unknown target '$t' (use slotmail and/or dovecot)";; esac
done
for r in $ROWS; do
  case $r in select|fetch-summary|fetch-flags|fetch-changedsince|search-body|mixed|idle) ;;
    *) die "BENCH_ROWS: unknown row '$r'";; esac
done
for n in $SIZES $RUNS $MIXED_RUNS $MIXED_CLIENTS $MIXED_SECONDS $IDLE_CONNECTIONS; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "sizes, runs, clients, seconds and connections must be positive numbers (got '$n')"
done
[[ $WARMUP =~ ^[0-9]+$ && $MIXED_WARMUP =~ ^[0-9]+$ ]] || die "BENCH_WARMUP and BENCH_MIXED_WARMUP_SECONDS must be numbers"
[[ $CHANGED_AWAY_MS =~ ^[0-9]+$ ]] || die "BENCH_CHANGED_AWAY_MS must be a number of milliseconds"
[[ $SERVER_WARMUP =~ ^[0-9]+$ ]] && [ "$SERVER_WARMUP" -le 49 ] || die "BENCH_SERVER_WARMUP must be a number up to 49"
case $DOVECOT_PASSWORD_SCHEME in argon2id|plain) ;; *) die "DOVECOT_PASSWORD_SCHEME must be argon2id or plain";; esac
wants() { [[ " $TARGETS " == *" $1 "* ]]; }
has_row() { [[ " $ROWS " == *" $1 "* ]]; }

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

if wants dovecot; then
  [ "$(id -u)" -eq 0 ] || die "run as root: Dovecot runs as root and keeps mail as '$DOVECOT_MAIL_USER' (or set BENCH_TARGETS=slotmail)"
  if ! command -v dovecot >/dev/null || [ ! -x /usr/lib/dovecot/imap ]; then
    command -v apt-get >/dev/null || die "Dovecot is not installed and this is not a Debian system; install dovecot-core and dovecot-imapd"
    say "installing Dovecot from Debian (dovecot-core, dovecot-imapd)..."
    apt-get update -qq >/dev/null || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-core dovecot-imapd >/dev/null \
      || die "apt-get install dovecot-core dovecot-imapd failed"
  fi
  MAIL_UID=$(id -u "$DOVECOT_MAIL_USER" 2>/dev/null) || die "no user '$DOVECOT_MAIL_USER' to keep mail as; set DOVECOT_MAIL_USER"
  MAIL_GID=$(id -g "$DOVECOT_MAIL_USER")
  [ "$MAIL_UID" -ne 0 ] || die "DOVECOT_MAIL_USER must not be root"
fi

# Every idle connection is a file descriptor in the generator and in the server (and in several
# of Dovecot's processes); raise the soft limit to the hard one and check it is enough.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if has_row idle && [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $(( IDLE_CONNECTIONS + 2000 )) ]; then
  die "open-file limit $(ulimit -n) is too low for $IDLE_CONNECTIONS idle connections; raise the hard limit (ulimit -Hn)"
fi

mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
FS_TYPE=$(df --output=fstype "$BENCH_DIR" | tail -n1)
case $FS_TYPE in tmpfs|ramfs) die "BENCH_DIR $BENCH_DIR is on $FS_TYPE; mail must live on a disk, as in production";; esac

# The generator: rebuilt only when its sources changed; -am because a fresh clone has none of
# the modules it depends on in the local Maven repository yet.
GEN_JAR=$(ls "$ROOT"/bench/target/lib/slotmail-bench-*.jar 2>/dev/null | head -n1 || true)
if [ -z "$GEN_JAR" ] || [ ! -e "$ROOT/bench/target/lib/$(cd "$ROOT/cluster/target" 2>/dev/null && ls slotmail-cluster-*.jar 2>/dev/null | head -n1)" ] \
   || [ -n "$(find "$ROOT/bench/src/main" "$ROOT/bench/pom.xml" -newer "$GEN_JAR" -print -quit)" ]; then
  say "building the load generator..."
  "$ROOT/mvnw" -q -B -ntp -pl bench -am package -DskipTests >"$BENCH_DIR/build.log" 2>&1 \
    || { tail -n 30 "$BENCH_DIR/build.log" >&2; die "building bench failed; log: $BENCH_DIR/build.log"; }
fi
GEN_CP="$ROOT/bench/target/lib/*"
gen() { "$JAVA" -cp "$GEN_CP" org.slotmail.bench.imap.ImapBench "$@"; }

if wants slotmail; then
  say "building Slotmail if its sources changed..."
  "$SLOTMAIL_CMD" --help >/dev/null || die "$SLOTMAIL_CMD --help fails; if it was building, see cli/build.log"
fi

port_open() { (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null; }
wants dovecot && port_open "$DOVECOT_PORT" && die "port $DOVECOT_PORT is in use; set DOVECOT_PORT"
wants slotmail && { port_open "$SLOTMAIL_IMAP_PORT" || port_open "$SLOTMAIL_LMTP_PORT"; } \
  && die "port $SLOTMAIL_IMAP_PORT or $SLOTMAIL_LMTP_PORT is in use; set SLOTMAIL_PORT_BASE"
LOAD_START=$(cut -d' ' -f1 /proc/loadavg)
SLOTMAIL_COMMIT=$(git -C "$(dirname "$SLOTMAIL_CMD")" describe --always --dirty 2>/dev/null || echo unknown)

RESULTS="$BENCH_DIR/results.txt"
: >"$RESULTS"

# One account per mailbox size, on both servers; the password only in a file of its own.
USERS=()
for size in $SIZES; do USERS+=("box$size@$DOMAIN"); done
PASSWORD_FILE="$BENCH_DIR/password"
( umask 077; printf 'bench-%s%s%s\n' "$RANDOM" "$RANDOM" "$RANDOM" >"$PASSWORD_FILE" )

# ---------------------------------------------------------------- servers

DOVECOT_PID= SLOTMAIL_PID= DOVECOT_RUN= JFR_ACTIVE=
stop_pid() {  # pid name: SIGTERM, then up to 60 s for a clean exit, then SIGKILL
  local pid=$1 name=$2 i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for (( i = 0; i < 600; i++ )); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name did not stop within 60 s of SIGTERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  stop_pid "$SLOTMAIL_PID" Slotmail; SLOTMAIL_PID=
  stop_pid "$DOVECOT_PID" Dovecot; DOVECOT_PID=
  [ -n "$DOVECOT_RUN" ] && rm -rf "$DOVECOT_RUN"
  if [ "$KEEP" != 1 ]; then rm -rf "$BENCH_DIR/dovecot/mail" "$BENCH_DIR/slotmail"; fi
  [ $rc -eq 0 ] || say "stopped; logs and raw results in $BENCH_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_port() {  # port pid name log seconds [host]
  local i
  for (( i = 0; i < $5 * 10; i++ )); do
    port_open "$1" "${6:-127.0.0.1}" && return 0
    kill -0 "$2" 2>/dev/null || { tail -n 20 "$4" >&2; die "$3 exited while starting; log: $4"; }
    sleep 0.1
  done
  tail -n 20 "$4" >&2; die "$3 did not listen on ${6:-127.0.0.1}:$1 within $5 s; log: $4"
}

start_dovecot() {
  local dir=$BENCH_DIR/dovecot u
  mkdir -p "$dir/state" "$dir/mail"
  chown "$MAIL_UID:$MAIL_GID" "$dir/mail"
  setpriv --reuid="$MAIL_UID" --regid="$MAIL_GID" --clear-groups test -w "$dir/mail" \
    || die "user $DOVECOT_MAIL_USER cannot write $dir/mail (a parent directory is closed to others?); set BENCH_DIR"
  # Sockets go to a short path of their own: unix socket paths are limited to 108 bytes.
  DOVECOT_RUN=$(mktemp -d /tmp/slotbench-imap-dovecot.XXXXXX)
  chmod 755 "$DOVECOT_RUN"
  # The same password, hashed as Slotmail hashes it (Argon2id, its default cost), so a login
  # costs both servers the same work; Dovecot verifies the PHC string with libsodium.
  : >"$dir/users"
  for u in "${USERS[@]}"; do
    if [ "$DOVECOT_PASSWORD_SCHEME" = plain ]; then hash="{PLAIN}$(head -n1 "$PASSWORD_FILE")"
    else hash=$(gen hash --password-file "$PASSWORD_FILE"); fi
    printf '%s:%s:%s:%s::%s::\n' "$u" "$hash" "$MAIL_UID" "$MAIL_GID" "$dir/mail/$u" >>"$dir/users"
  done
  chgrp "$(id -gn dovecot 2>/dev/null || echo root)" "$dir/users" && chmod 640 "$dir/users"
  local limit=$(( IDLE_CONNECTIONS + 500 ))
  DOVECOT_CONF=$dir/dovecot.conf
  cat >"$DOVECOT_CONF" <<EOF
# Written by bench/imap/run.sh: Debian's Dovecot with its defaults, IMAP only, on loopback.
instance_name = slotbench-imap
protocols = imap
listen = 127.0.0.1
ssl = no
base_dir = $DOVECOT_RUN
state_dir = $dir/state
log_path = $dir/dovecot.log
first_valid_uid = $MAIL_UID
first_valid_gid = $MAIL_GID
mail_location = maildir:~/Maildir
# Slotmail takes passwords without TLS from any loopback address; Dovecot by default only when
# the client's address is the server's own, and the idle crowd connects from 127.0.0.2 and up.
disable_plaintext_auth = no
passdb {
  driver = passwd-file
  args = $dir/users
}
userdb {
  driver = passwd-file
  args = $dir/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $DOVECOT_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
# Raised from the defaults for $IDLE_CONNECTIONS idle connections of one user from a few addresses:
# one imap process per connection (default limit 100), 10 connections per user and address,
# 1000 clients per service (anvil, log and stats see one per imap process).
service imap {
  process_limit = $limit
}
default_client_limit = $limit
protocol imap {
  mail_max_userip_connections = $limit
}
EOF
  doveconf -c "$DOVECOT_CONF" -n >"$dir/doveconf-n.txt" 2>&1 || { cat "$dir/doveconf-n.txt" >&2; die "Dovecot rejects its configuration"; }
  dovecot -F -c "$DOVECOT_CONF" >"$dir/dovecot.out" 2>&1 &
  DOVECOT_PID=$!
  wait_port "$DOVECOT_PORT" "$DOVECOT_PID" Dovecot "$dir/dovecot.log" 30
  say "Dovecot $(dovecot --version | cut -d' ' -f1) ready on 127.0.0.1:$DOVECOT_PORT (maildir)"
}

start_slotmail() {
  local data=$BENCH_DIR/slotmail log=$BENCH_DIR/slotmail.log i u
  for u in "${USERS[@]}"; do
    "$SLOTMAIL_CMD" user add "$u" --password-stdin --data "$data" <"$PASSWORD_FILE" >>"$BENCH_DIR/slotmail-users.log" 2>&1 \
      || { tail -n 5 "$BENCH_DIR/slotmail-users.log" >&2; die "slotmail user add $u failed"; }
  done
  # One account holds every idle connection, so its session limit (default 50) is raised as
  # Dovecot's per-user limit is, to the same value.
  "$SLOTMAIL_CMD" up --data "$data" --port-base "$SLOTMAIL_PORT_BASE" \
    --max-sessions-per-account $(( IDLE_CONNECTIONS + 500 )) >"$log" 2>&1 &
  SLOTMAIL_PID=$!
  for (( i = 0; i < 1800; i++ )); do
    grep -qsE '^slotmail ready[[:space:]]*$' "$log" && break
    kill -0 "$SLOTMAIL_PID" 2>/dev/null || { tail -n 20 "$log" >&2; die "slotmail up exited while starting; log: $log"; }
    sleep 0.1
  done
  grep -qE '^slotmail ready[[:space:]]*$' "$log" || { tail -n 20 "$log" >&2; die "slotmail up did not print 'slotmail ready' within 180 s"; }
  # The demo system may put its listeners on another loopback address: use the printed ones.
  SLOTMAIL_HOST=$(grep -oE "\b127(\.[0-9]{1,3}){3}:$SLOTMAIL_IMAP_PORT\b" "$log" | head -n1 | cut -d: -f1 || true)
  SLOTMAIL_HOST=${SLOTMAIL_HOST:-127.0.0.1}
  SLOTMAIL_LMTP_HOST=$(grep -oE "\b127(\.[0-9]{1,3}){3}:$SLOTMAIL_LMTP_PORT\b" "$log" | head -n1 | cut -d: -f1 || true)
  SLOTMAIL_LMTP_HOST=${SLOTMAIL_LMTP_HOST:-127.0.0.1}
  wait_port "$SLOTMAIL_IMAP_PORT" "$SLOTMAIL_PID" Slotmail "$log" 10 "$SLOTMAIL_HOST"
  # ./slotmail execs the JVM, so this is the server process itself (for jcmd and /proc).
  [ "$(ps -o comm= -p "$SLOTMAIL_PID")" = java ] || die "process $SLOTMAIL_PID is not the Slotmail JVM"
  SLOTMAIL_JVM_OPTS=$(tr '\0' ' ' <"/proc/$SLOTMAIL_PID/cmdline" | sed 's/ -cp .*//; s/^[^ ]* *//')
  say "Slotmail ready; IMAP on $SLOTMAIL_HOST:$SLOTMAIL_IMAP_PORT, LMTP on $SLOTMAIL_LMTP_HOST:$SLOTMAIL_LMTP_PORT"
}

target_spec() {
  if [ "$1" = dovecot ]; then echo "dovecot=127.0.0.1:$DOVECOT_PORT"; else echo "slotmail=$SLOTMAIL_HOST:$SLOTMAIL_IMAP_PORT"; fi
}
pid_of() { if [ "$1" = dovecot ]; then echo "$DOVECOT_PID"; else echo "$SLOTMAIL_PID"; fi; }
TARGET_ARGS=()
ordered_targets() {  # the targets, reversed on odd calls' argument
  if (( $1 % 2 == 1 )); then tr ' ' '\n' <<<"$TARGETS" | tac | tr '\n' ' '; else echo "$TARGETS"; fi
}

# A server that died mid-run (a crash, or someone else's kill) makes every later figure wrong.
check_alive() {  # what was running
  if wants slotmail && ! kill -0 "$SLOTMAIL_PID" 2>/dev/null; then
    tail -n 5 "$BENCH_DIR/slotmail.log" >&2; die "Slotmail exited during $1; log: $BENCH_DIR/slotmail.log"
  fi
  if wants dovecot && ! kill -0 "$DOVECOT_PID" 2>/dev/null; then
    tail -n 5 "$BENCH_DIR/dovecot/dovecot.log" >&2; die "Dovecot exited during $1; log: $BENCH_DIR/dovecot/dovecot.log"
  fi
}

# ---------------------------------------------------------------- profiling

jfr_start() {  # name
  [ "$JFR" = 1 ] && wants slotmail || return 0
  mkdir -p "$BENCH_DIR/jfr"
  "$JAVA_HOME/bin/jcmd" "$SLOTMAIL_PID" JFR.start name=row settings=profile filename="$BENCH_DIR/jfr/$1.jfr" >/dev/null \
    && JFR_ACTIVE=$1
}
jfr_stop() {
  [ -n "$JFR_ACTIVE" ] || return 0
  local f=$BENCH_DIR/jfr/$JFR_ACTIVE
  "$JAVA_HOME/bin/jcmd" "$SLOTMAIL_PID" JFR.stop name=row >/dev/null || true
  # Self time: the frame on top of each sampled stack; total time: every frame of each stack.
  if [ -s "$f.jfr" ]; then
    "$JAVA_HOME/bin/jfr" print --stack-depth 64 --events jdk.ExecutionSample "$f.jfr" >"$f.samples.txt" 2>/dev/null || true
    awk '/stackTrace = \[/ { top = 1; next } top && /line:/ { sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); print; top = 0 }' \
      "$f.samples.txt" | sort | uniq -c | sort -rn | head -n 40 >"$f.self.txt"
    grep 'line:' "$f.samples.txt" | sed 's/^[ \t]*//; s/[ \t]*line:.*//' | sort | uniq -c | sort -rn | head -n 60 >"$f.total.txt"
    # The same without the samples taken during LOGIN, which every trial does untimed.
    awk '/jdk.ExecutionSample/ { if (n && !login) print top; n = 0; login = 0; next }
      /line:/ { s = $0; sub(/^[ \t]+/, "", s); sub(/[ \t]+line:.*/, "", s); if (n++ == 0) top = s; if (s ~ /LoginHandler/) login = 1 }
      END { if (n && !login) print top }' "$f.samples.txt" | sort | uniq -c | sort -rn | head -n 40 >"$f.self-no-login.txt"
    rm -f "$f.samples.txt"
  fi
  JFR_ACTIVE=
}

# ---------------------------------------------------------------- the run

wants dovecot && start_dovecot
wants slotmail && start_slotmail

for size in $SIZES; do
  user="box$size@$DOMAIN"
  args=(fill --user "$user" --messages "$size")
  wants slotmail && args+=(--lmtp "$SLOTMAIL_LMTP_HOST:$SLOTMAIL_LMTP_PORT" --sessions 8)
  wants dovecot && args+=(--maildir "$BENCH_DIR/dovecot/mail/$user/Maildir")
  say "filling $user with $size messages..."
  line=$(gen "${args[@]}") || die "filling $user failed"
  echo "$line" >>"$RESULTS"
  say "$line"
  if wants dovecot; then
    chown -R "$MAIL_UID:$MAIL_GID" "$BENCH_DIR/dovecot/mail/$user"
    got=$(find "$BENCH_DIR/dovecot/mail/$user/Maildir/cur" -type f | wc -l)
    [ "$got" = "$size" ] || die "the Maildir of $user holds $got messages, expected $size"
  fi
done
# Written mail reaches the disk before anything is timed, so no row pays for the fill's writeback.
sync

# The fill (and a size's mixed load) leave background work behind: Slotmail's replicas applying
# the last changes and RocksDB compacting what they wrote on three slots, for minutes on two
# cores. Each size's rows are timed on a settled machine, as a server runs between bursts: once
# the CPUs have been at least QUIET_IDLE % idle over two 5-second windows in a row (waiting at
# most QUIET_MAX s).
cpu_idle_percent() {  # over the next $1 seconds, from /proc/stat
  local a b total=0 i
  read -r -a a < <(grep '^cpu ' /proc/stat); sleep "$1"; read -r -a b < <(grep '^cpu ' /proc/stat)
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  echo $(( total > 0 ? 100 * (b[4] - a[4] + b[5] - a[5]) / total : 100 ))
}
QUIET_IDLE=${BENCH_QUIET_IDLE:-90} QUIET_MAX=${BENCH_QUIET_MAX:-600}
SETTLED=""   # "<size>: <seconds>" per size, for the report
settle() {  # $1: the size about to be timed
  local quiet=0 waited=0 idle=100
  say "waiting for the machine to settle (CPUs ≥ $QUIET_IDLE % idle over 2 × 5 s, at most $QUIET_MAX s)..."
  while [ $waited -lt "$QUIET_MAX" ]; do
    idle=$(cpu_idle_percent 5); waited=$(( waited + 5 ))
    if [ "$idle" -ge "$QUIET_IDLE" ]; then quiet=$(( quiet + 1 )); else quiet=0; fi
    if [ $quiet -ge 2 ]; then say "settled after $waited s"; SETTLED+="${SETTLED:+, }$1 messages: $waited s"; return; fi
  done
  say "not settled after $QUIET_MAX s (last 5 s: $idle % idle); timing anyway"
  SETTLED+="${SETTLED:+, }$1 messages: not settled after $QUIET_MAX s"
}

declare -A ROW=()   # "<size> <row> <target>" -> the generator's summary line
cell=0
warmed=0
for size in $SIZES; do
  user="box$size@$DOMAIN"
  login=(--user "$user" --password-file "$PASSWORD_FILE")
  settle "$size"
  if [ "$warmed" = 0 ] && [ "$SERVER_WARMUP" -gt 0 ]; then
    # Trials numbered from 50, so fetch-changedsince flags other messages than the measured trials (0..).
    for row in select fetch-summary fetch-flags fetch-changedsince search-body; do
      has_row "$row" || continue
      targets=()
      for t in $TARGETS; do targets+=(--target "$(target_spec "$t")"); done
      say "warming the servers up: $row × $SERVER_WARMUP on the $size-message INBOX..."
      out=$(gen row --row "$row" "${targets[@]}" --messages "$size" --warmup "$SERVER_WARMUP" --runs 0 \
        --first-trial 50 --away-ms "$CHANGED_AWAY_MS" "${login[@]}") || die "the generator failed while warming up on $row"
      check_alive "the warm-up"
      sed "s/^/server-warmup size=$size /" <<<"$out" >>"$RESULTS"
    done
    warmed=1
  fi
  for row in select fetch-summary fetch-flags fetch-changedsince search-body; do
    has_row "$row" || continue
    targets=()
    for t in $(ordered_targets $cell); do targets+=(--target "$(target_spec "$t")"); done
    say "$size messages: $row ($WARMUP warm-up + $RUNS runs per server)..."
    jfr_start "$size-$row"
    out=$(gen row --row "$row" "${targets[@]}" --messages "$size" --warmup "$WARMUP" --runs "$RUNS" --away-ms "$CHANGED_AWAY_MS" "${login[@]}") \
      || die "the generator failed on $row; see above"
    jfr_stop
    check_alive "$row on $size messages"
    echo "size=$size $out" | sed "2,\$s/^/size=$size /" >>"$RESULTS"
    while read -r line; do
      t=$(sed -n 's/.* target=\([^ ]*\).*/\1/p' <<<"$line")
      ROW["$size $row $t"]=$line
      say "  $line"
    done < <(grep '^imap-row ' <<<"$out")
    cell=$(( cell + 1 ))
  done
  if has_row mixed; then
    targets=()
    for t in $(ordered_targets $cell); do targets+=(--target "$(target_spec "$t")"); done
    say "$size messages: mixed load, $MIXED_CLIENTS clients, ${MIXED_WARMUP} s warm-up + $MIXED_RUNS × ${MIXED_SECONDS} s per server..."
    jfr_start "$size-mixed"
    out=$(gen mixed "${targets[@]}" --clients "$MIXED_CLIENTS" --seconds "$MIXED_SECONDS" \
      --warmup-seconds "$MIXED_WARMUP" --runs "$MIXED_RUNS" "${login[@]}") || die "the generator failed on the mixed load"
    jfr_stop
    check_alive "the mixed load on $size messages"
    sed "s/^/size=$size /" <<<"$out" >>"$RESULTS"
    while read -r line; do
      t=$(sed -n 's/.* target=\([^ ]*\).*/\1/p' <<<"$line")
      ROW["$size mixed $t"]=$line
      say "  $line"
    done < <(grep '^imap-mixed-row ' <<<"$out")
    cell=$(( cell + 1 ))
  fi
  if has_row idle; then
    for t in $(ordered_targets $cell); do
      say "$size messages: $IDLE_CONNECTIONS connections idling on $t..."
      jvm=(); [ "$t" = slotmail ] && jvm=(--jvm)
      line=$(gen idle --target "$(target_spec "$t")" --pid "$(pid_of "$t")" "${jvm[@]}" \
        --connections "$IDLE_CONNECTIONS" --sources "$IDLE_SOURCES" "${login[@]}") || { check_alive "the idle crowd"; die "the idle crowd failed on $t"; }
      check_alive "the idle crowd on $size messages"
      echo "size=$size $line" >>"$RESULTS"
      ROW["$size idle $t"]=$line
      say "  $line"
    done
    cell=$(( cell + 1 ))
  fi
done

# Clean stops are part of the result: a server that cannot shut down cleanly is not ready.
FAILED=0
if [ -n "$SLOTMAIL_PID" ]; then
  kill -TERM "$SLOTMAIL_PID"; status=0; wait "$SLOTMAIL_PID" || status=$?; SLOTMAIL_PID=
  [ $status -eq 0 ] || [ $status -eq 143 ] || { FAILED=1; say "slotmail up exited with status $status on SIGTERM"; }
fi
stop_pid "$DOVECOT_PID" Dovecot; DOVECOT_PID=
if wants dovecot; then
  grep -E 'Fatal|Panic|Error' "$BENCH_DIR/dovecot/dovecot.log" | head -n 5 >"$BENCH_DIR/dovecot-errors.txt" || true
  INOTIFY_WARNINGS=$(grep -c 'Inotify instance limit' "$BENCH_DIR/dovecot/dovecot.log" || true)
fi

# ---------------------------------------------------------------- the report

field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }
failure_of() { sed -n 's/.* failure="\([^"]*\)".*/\1/p' <<<"$1"; }
value() {  # size row target key
  field "${ROW["$1 $2 $3"]:-}" "$4"
}
# A timed cell: the median, or what went wrong.
time_cell() {  # size row target
  local line=${ROW["$1 $2 $3"]:-} f
  [ -n "$line" ] || { echo "—"; return; }
  if [ "$(field "$line" ok)" = yes ]; then echo "$(field "$line" median_ms) ms"; return; fi
  f=$(failure_of "$line"); echo "fails: ${f:0:90}"
}
speedup() {  # slower-is-bigger values: dovecot / slotmail
  awk -v s="$1" -v d="$2" 'BEGIN { if (s + 0 > 0 && d + 0 > 0) printf "%.2f×", d / s; else printf "—" }'
}
verdict() {  # ratio-with-× needed
  local r=${1%×}
  [ "$1" = "—" ] && { echo "—"; return; }
  awk -v r="$r" -v w="$2" 'BEGIN { if (r + 0 >= w) printf "met"; else printf "missed" }'
}
row_label() {
  case $1 in
    select) echo 'SELECT INBOX';;
    fetch-summary) echo '`UID FETCH 1:* (UID FLAGS RFC822.SIZE INTERNALDATE ENVELOPE BODYSTRUCTURE)`';;
    fetch-flags) echo '`UID FETCH 1:* (FLAGS)`';;
    fetch-changedsince) echo '`UID FETCH 1:* (FLAGS) (CHANGEDSINCE m)`, 1 % changed';;
    search-body) echo '`UID SEARCH BODY kumquat`, 1 % match';;
  esac
}
row_target() { case $1 in fetch-summary) echo 2;; *) echo 1;; esac; }
commas() { sed ':a; s/\B[0-9]\{3\}\>/,&/; ta' <<<"$1"; }

{
  echo "## IMAP"
  echo
  echo "Written by \`bench/imap/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); rerun it to replace this section."
  echo "Method and checks: the next section."
  echo
  echo "- Command: \`$COMMAND\`"
  echo "- Machine: $(nproc) CPUs ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1)), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory, Linux $(uname -r), $(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "- Disk: $FS_TYPE on $(df --output=source "$BENCH_DIR" | tail -n1) (data in \`${BENCH_DIR#"$ROOT"/}\`)"
  echo "- Java: $("$JAVA" -version 2>&1 | head -n1); 1-minute load average $LOAD_START before the servers started, $(cut -d' ' -f1 /proc/loadavg) at the end (other work on the machine shows here)"
  wants dovecot && echo "- Dovecot: $(dovecot --version), Maildir, defaults except the connection limits (configuration below); passwords stored as $DOVECOT_PASSWORD_SCHEME"
  wants slotmail && echo "- Slotmail: commit \`$SLOTMAIL_COMMIT\` (\`./slotmail up\`, IMAP on $SLOTMAIL_HOST:$SLOTMAIL_IMAP_PORT; JVM options \`${SLOTMAIL_JVM_OPTS:-}\`)"
  echo "- CHANGEDSINCE: the resynchronising client comes back $CHANGED_AWAY_MS ms after the other session's change"
  echo "- Settling: each size's rows began once the CPUs were ≥ $QUIET_IDLE % idle over two 5-second windows in a row (waited: $SETTLED)"
  echo "- Timed rows: median of $RUNS runs per server after $WARMUP warm-up run(s) (and $SERVER_WARMUP unmeasured runs of every row per server before the first), servers interleaved; mixed load: $MIXED_CLIENTS clients, median of $MIXED_RUNS runs of $MIXED_SECONDS s after a ${MIXED_WARMUP} s warm-up; idle: $IDLE_CONNECTIONS connections"
  [ "$JFR" = 1 ] && echo "- Slotmail ran with a JFR recording (settings=profile) during every row"
  echo
  for size in $SIZES; do
    echo "### $(commas "$size")-message INBOX"
    echo
    echo "| row | Slotmail | Dovecot | Slotmail ahead by | target | result |"
    echo "|---|---:|---:|---:|---|---|"
    for row in select fetch-summary fetch-flags fetch-changedsince search-body; do
      has_row "$row" || continue
      s=$(time_cell "$size" "$row" slotmail); d=$(time_cell "$size" "$row" dovecot)
      sv=$( [ "$(value "$size" "$row" slotmail ok)" = yes ] && value "$size" "$row" slotmail median_ms || true)
      dv=$( [ "$(value "$size" "$row" dovecot ok)" = yes ] && value "$size" "$row" dovecot median_ms || true)
      r=$(speedup "$sv" "$dv"); want=$(row_target "$row"); v=$(verdict "$r" "$want")
      [ -z "$sv" ] && [ -n "${ROW["$size $row slotmail"]:-}" ] && v="missed (fails)"
      printf '| %s | %s | %s | %s | ≥%s× | %s |\n' "$(row_label "$row")" "$s" "$d" "$r" "$want" "$v"
    done
    if has_row mixed; then
      so=$(value "$size" mixed slotmail ops_per_s); do=$(value "$size" mixed dovecot ops_per_s)
      cellm() {  # target
        local line=${ROW["$size mixed $1"]:-}
        [ -n "$line" ] || { echo "—"; return; }
        local f=""; [ "$(field "$line" failures)" != 0 ] && f=", $(field "$line" failures) failed loops"
        echo "$(field "$line" ops_per_s) ops/s (p50 $(field "$line" p50_ms) / p99 $(field "$line" p99_ms) ms$f)"
      }
      r=$(awk -v s="$so" -v d="$do" 'BEGIN { if (s + 0 > 0 && d + 0 > 0) printf "%.2f×", s / d; else printf "—" }')
      printf '| mixed: %s clients × (LOGIN, SELECT, UID FETCH BODY[], UID STORE, LOGOUT) | %s | %s | %s | ≥2× | %s |\n' \
        "$MIXED_CLIENTS" "$(cellm slotmail)" "$(cellm dovecot)" "$r" "$(verdict "$r" 2)"
    fi
    if has_row idle; then
      idle_cell() {  # target key
        local line=${ROW["$size idle $1"]:-}
        [ -n "$line" ] || { echo "—"; return; }
        local held; held=$(field "$line" held)
        [ "$held" = "$IDLE_CONNECTIONS" ] || { echo "only $held of $IDLE_CONNECTIONS held: $(failure_of "$line" | cut -c1-60)"; return; }
        echo "$(field "$line" "$2") KB"
      }
      srss=$(value "$size" idle slotmail rss_per_conn_kb); drss=$(value "$size" idle dovecot rss_per_conn_kb)
      [ "$(value "$size" idle slotmail held)" = "$IDLE_CONNECTIONS" ] || srss=
      [ "$(value "$size" idle dovecot held)" = "$IDLE_CONNECTIONS" ] || drss=
      ok=$(awk -v s="$srss" 'BEGIN { if (s == "") print "—"; else if (s + 0 < 20) print "met"; else print "missed" }')
      printf '| idle: RSS per connection in IDLE, (RSS with %s − RSS with 0) / %s | %s | %s | %s | < 20 KB | %s |\n' \
        "$(commas "$IDLE_CONNECTIONS")" "$(commas "$IDLE_CONNECTIONS")" "$(idle_cell slotmail rss_per_conn_kb)" \
        "$(idle_cell dovecot rss_per_conn_kb)" "$(speedup "$srss" "$drss")" "$ok"
      spss=$(value "$size" idle slotmail pss_per_conn_kb); dpss=$(value "$size" idle dovecot pss_per_conn_kb)
      [ -n "$srss" ] && [ -n "$drss" ] || { spss=; dpss=; }
      printf '| idle: PSS per connection (shared pages split among processes) | %s | %s | %s | | |\n' \
        "$(idle_cell slotmail pss_per_conn_kb)" "$(idle_cell dovecot pss_per_conn_kb)" "$(speedup "$spss" "$dpss")"
      heap_note=""
      if [ -n "${ROW["$size idle slotmail"]:-}" ]; then
        heap_note=" (committed heap $(( $(value "$size" idle slotmail heap_committed_before_kb) / 1024 )) → $(( $(value "$size" idle slotmail heap_committed_after_kb) / 1024 )) MB)"
      fi
      printf '| idle: Java heap in use per connection after a full GC | %s%s | — | — | | |\n' \
        "$(idle_cell slotmail heap_per_conn_kb)" "$heap_note"
    fi
    echo
  done
  if wants dovecot; then
    [ "${INOTIFY_WARNINGS:-0}" -gt 0 ] && { echo "Dovecot logged $INOTIFY_WARNINGS \"Inotify instance limit\" warnings (fs.inotify.max_user_instances = $(sysctl -n fs.inotify.max_user_instances 2>/dev/null || echo '?')): idle processes beyond it poll instead."; echo; }
    echo "<details><summary>Dovecot configuration (<code>doveconf -n</code>)</summary>"
    echo
    echo '```'
    grep -v '^# Hostname' "$BENCH_DIR/dovecot/doveconf-n.txt" | sed "s|$BENCH_DIR|\$BENCH_DIR|g"
    echo '```'
    echo
    echo "</details>"
  fi
  echo
} >"$BENCH_DIR/report.md"

[ "$FAILED" -eq 0 ] || die "a server did not stop cleanly; ${REPORT#"$ROOT"/} not updated; results in $BENCH_DIR"

# Replace the section from its heading to the next "## " heading; append it if there is none.
mkdir -p "$(dirname "$REPORT")"
[ -f "$REPORT" ] || printf '# Benchmarks\n\n' >"$REPORT"
awk -v section="$BENCH_DIR/report.md" '
  function emit() { while ((getline l < section) > 0) print l; done = 1 }
  $0 == "## IMAP" { emit(); skip = 1; next }
  skip && /^## / { skip = 0 }
  !skip { print }
  END { if (!done) { print ""; emit() } }
' "$REPORT" >"$REPORT.tmp" && mv "$REPORT.tmp" "$REPORT"
say "done: ${REPORT#"$ROOT"/} updated; raw results in $RESULTS"
