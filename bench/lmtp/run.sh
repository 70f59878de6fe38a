#!/usr/bin/env bash
# LMTP delivery benchmark: Slotmail against Dovecot, on this machine, in one run.
#
#   bench/lmtp/run.sh                                   the full matrix, results into docs/benchmarks.md
#   BENCH_MESSAGES=500 BENCH_TARGETS=dovecot bench/lmtp/run.sh     a quick run against Dovecot only
#
# Both servers listen on 127.0.0.1 only; no traffic leaves the machine. For each cell of
# {message size} x {sessions} x {recipients} the same load generator (bench/.../LmtpLoad.java)
# delivers the same number of messages to each server, alternating which goes first, and counts a
# message only when every recipient got a 2xx after the server's sync.
#
# Settings (environment):
#   BENCH_MESSAGES=10000          measured messages per cell and server
#   BENCH_WARMUP=200              unmeasured messages per cell first (default: a tenth, at most 200)
#   BENCH_SERVER_WARMUP=2000      unmeasured messages (8 sessions, 4 KB) before the first cell, so a
#                                 JIT-compiled server is not measured cold (default: a fifth, at most 2000)
#   BENCH_SIZES="4k 64k"  BENCH_SESSIONS="1 8"  BENCH_RECIPIENTS="1 5"
#   BENCH_TARGETS="slotmail dovecot"
#   BENCH_DIR=bench/results/lmtp-<time>  data, logs and raw results; must be on the disk under test
#   BENCH_KEEP=1                  keep the delivered mail afterwards (default: removed, logs kept)
#   BENCH_REPORT=docs/benchmarks.md   where the "## LMTP delivery" section is replaced
#   BENCH_FSYNC_PROBE=1           count each server's fsync/fdatasync calls per message with strace
#   DOVECOT_FSYNC=optimized       Dovecot's mail_fsync: optimized (its default) or always
#   DOVECOT_MAIL=maildir          Dovecot's mailbox format: maildir, sdbox or mdbox
#   DOVECOT_MAIL_USER=mail        the unprivileged user Dovecot writes mail as
#   DOVECOT_PORT=22024  SLOTMAIL_PORT_BASE=21000 (Slotmail's LMTP port is the base + 24)
#   SLOTMAIL_CMD=./slotmail       the launcher to run (another checkout's, or a stand-in when testing this script)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

die() { echo "bench/lmtp: $*" >&2; exit 1; }
say() { echo "bench/lmtp: $*" >&2; }

case "${1:-}" in
  -h|--help) sed -n '2,/^set -euo/p' "$ROOT/bench/lmtp/run.sh" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) die "takes no arguments; settings are environment variables (see --help)" ;;
esac

# The command exactly as given, with the settings that were set, for the report.
COMMAND=
while IFS='=' read -r name value; do
  [[ $value == *[[:space:]]* ]] && value="\"$value\""
  COMMAND+="$name=$value "
done < <(env | grep -E '^(BENCH|DOVECOT|SLOTMAIL)_[A-Z_]*=' | sort)
COMMAND+="bench/lmtp/run.sh"

MESSAGES=${BENCH_MESSAGES:-10000}
WARMUP=${BENCH_WARMUP:-$(( MESSAGES / 10 < 200 ? MESSAGES / 10 : 200 ))}
SERVER_WARMUP=${BENCH_SERVER_WARMUP:-$(( MESSAGES / 5 < 2000 ? MESSAGES / 5 : 2000 ))}
SIZES=${BENCH_SIZES:-4k 64k}
SESSIONS=${BENCH_SESSIONS:-1 8}
RECIPIENTS=${BENCH_RECIPIENTS:-1 5}
TARGETS=${BENCH_TARGETS:-slotmail dovecot}
BENCH_DIR=${BENCH_DIR:-$ROOT/bench/results/lmtp-$(date +%Y%m%d-%H%M%S)}
KEEP=${BENCH_KEEP:-0}
REPORT=${BENCH_REPORT:-$ROOT/docs/benchmarks.md}
FSYNC_PROBE=${BENCH_FSYNC_PROBE:-1}
DOVECOT_FSYNC=${DOVECOT_FSYNC:-optimized}
DOVECOT_MAIL=${DOVECOT_MAIL:-maildir}
DOVECOT_MAIL_USER=${DOVECOT_MAIL_USER:-mail}
DOVECOT_PORT=${DOVECOT_PORT:-22024}
SLOTMAIL_PORT_BASE=${SLOTMAIL_PORT_BASE:-21000}
SLOTMAIL_PORT=$(( SLOTMAIL_PORT_BASE + 24 ))
SLOTMAIL_CMD=${SLOTMAIL_CMD:-$ROOT/slotmail}
DOMAIN=example.com
PROBE_MESSAGES=100

for t in $TARGETS; do
  case $t in slotmail|dovecot) ;; *) die "BENCH_TARGETS: unknown target '$t' (use slotmail and/or dovecot)";; esac
done
case $DOVECOT_FSYNC in optimized|always) ;; *) die "DOVECOT_FSYNC must be optimized or always (never would not sync)";; esac
case $DOVECOT_MAIL in maildir|sdbox|mdbox) ;; *) die "DOVECOT_MAIL must be maildir, sdbox or mdbox";; esac
[[ $MESSAGES =~ ^[1-9][0-9]*$ ]] || die "BENCH_MESSAGES must be a positive number"
[[ $WARMUP =~ ^[0-9]+$ ]] || die "BENCH_WARMUP must be a number"
[[ $SERVER_WARMUP =~ ^[0-9]+$ ]] || die "BENCH_SERVER_WARMUP must be a number"
wants() { [[ " $TARGETS " == *" $1 "* ]]; }

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
  [ "$(id -u)" -eq 0 ] || die "run as root: Dovecot runs as root and writes mail as '$DOVECOT_MAIL_USER' (or set BENCH_TARGETS=slotmail)"
  if ! command -v dovecot >/dev/null || [ ! -x /usr/lib/dovecot/lmtp ]; then
    command -v apt-get >/dev/null || die "Dovecot is not installed and this is not a Debian system; install dovecot-core and dovecot-lmtpd"
    say "installing Dovecot from Debian (dovecot-core, dovecot-lmtpd)..."
    apt-get update -qq >/dev/null || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-core dovecot-lmtpd >/dev/null \
      || die "apt-get install dovecot-core dovecot-lmtpd failed"
  fi
  MAIL_UID=$(id -u "$DOVECOT_MAIL_USER" 2>/dev/null) || die "no user '$DOVECOT_MAIL_USER' to write mail as; set DOVECOT_MAIL_USER"
  MAIL_GID=$(id -g "$DOVECOT_MAIL_USER")
  [ "$MAIL_UID" -ne 0 ] || die "DOVECOT_MAIL_USER must not be root"
fi

mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
FS_TYPE=$(df --output=fstype "$BENCH_DIR" | tail -n1)
case $FS_TYPE in tmpfs|ramfs) die "BENCH_DIR $BENCH_DIR is on $FS_TYPE, where fsync costs nothing; use a disk";; esac

# The generator: rebuilt only when its sources changed. -am because on a fresh clone the modules
# it depends on are not in the local Maven repository yet.
GEN_JAR=$(ls "$ROOT"/bench/target/lib/slotmail-bench-*.jar 2>/dev/null | head -n1 || true)
if [ -z "$GEN_JAR" ] || [ -n "$(find "$ROOT/bench/src/main" "$ROOT/bench/pom.xml" -newer "$GEN_JAR" -print -quit)" ]; then
  say "building the load generator..."
  "$ROOT/mvnw" -q -B -ntp -pl bench -am package -DskipTests >"$BENCH_DIR/build.log" 2>&1 \
    || { tail -n 30 "$BENCH_DIR/build.log" >&2; die "building bench failed; log: $BENCH_DIR/build.log"; }
fi
GEN_CP="$ROOT/bench/target/lib/*"

if wants slotmail; then
  say "building Slotmail if its sources changed..."
  "$SLOTMAIL_CMD" --help >/dev/null || die "$SLOTMAIL_CMD --help fails; if it was building, see cli/build.log"
fi

port_open() { (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null; }
wants dovecot && port_open "$DOVECOT_PORT" && die "port $DOVECOT_PORT is in use; set DOVECOT_PORT"
wants slotmail && port_open "$SLOTMAIL_PORT" && die "port $SLOTMAIL_PORT is in use; set SLOTMAIL_PORT_BASE"
SLOTMAIL_HOST=127.0.0.1
LOAD_START=$(cut -d' ' -f1 /proc/loadavg)

RESULTS="$BENCH_DIR/results.txt"
: >"$RESULTS"

# ---------------------------------------------------------------- users

# Each cell delivers to its own fresh recipients, so no cell's result depends on how full the
# previous cells left a mailbox; user0 is the fsync probe's.
declare -a CELLS=()
next_user=1
for size in $SIZES; do for sessions in $SESSIONS; do for rcpts in $RECIPIENTS; do
  CELLS+=("$size $sessions $rcpts $next_user")
  next_user=$(( next_user + rcpts ))
done; done; done
USERS=()
for (( k = 0; k < next_user; k++ )); do USERS+=("user$k@$DOMAIN"); done
PASSWORD="bench-$RANDOM$RANDOM$RANDOM"

# ---------------------------------------------------------------- servers

DOVECOT_PID= SLOTMAIL_PID= DOVECOT_RUN=
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
  local dir=$BENCH_DIR/dovecot location
  mkdir -p "$dir/state" "$dir/mail"
  chown "$MAIL_UID:$MAIL_GID" "$dir/mail"
  setpriv --reuid="$MAIL_UID" --regid="$MAIL_GID" --clear-groups test -w "$dir/mail" \
    || die "user $DOVECOT_MAIL_USER cannot write $dir/mail (a parent directory is closed to others?); set BENCH_DIR"
  # Sockets go to a short path of their own: unix socket paths are limited to 108 bytes.
  DOVECOT_RUN=$(mktemp -d /tmp/slotbench-dovecot.XXXXXX)
  chmod 755 "$DOVECOT_RUN" # Dovecot wants its base_dir world-readable (its login sockets live there)
  case $DOVECOT_MAIL in
    maildir) location='maildir:~/Maildir' ;;
    sdbox) location='sdbox:~/sdbox' ;;
    mdbox) location='mdbox:~/mdbox' ;;
  esac
  : >"$dir/users"
  for u in "${USERS[@]}"; do
    printf '%s:{PLAIN}%s:%s:%s::%s::\n' "$u" "$PASSWORD" "$MAIL_UID" "$MAIL_GID" "$dir/mail/$u" >>"$dir/users"
  done
  # Read by Dovecot's auth process, which runs as its internal user, not root.
  chgrp "$(id -gn dovecot 2>/dev/null || echo root)" "$dir/users" && chmod 640 "$dir/users"
  DOVECOT_CONF=$dir/dovecot.conf
  cat >"$DOVECOT_CONF" <<EOF
# Written by bench/lmtp/run.sh: Debian's Dovecot with its defaults, LMTP only, on loopback.
instance_name = slotbench
protocols = lmtp
listen = 127.0.0.1
ssl = no
base_dir = $DOVECOT_RUN
state_dir = $dir/state
log_path = $dir/dovecot.log
first_valid_uid = $MAIL_UID
first_valid_gid = $MAIL_GID
mail_location = $location
# optimized (Dovecot's default): the message file, its directory entry and the UID list are
# synced before the 250; always adds syncs of the index and cache files.
mail_fsync = $DOVECOT_FSYNC
passdb {
  driver = passwd-file
  args = $dir/users
}
userdb {
  driver = passwd-file
  args = $dir/users
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $DOVECOT_PORT
  }
}
EOF
  doveconf -c "$DOVECOT_CONF" -n >"$dir/doveconf-n.txt" 2>&1 || { cat "$dir/doveconf-n.txt" >&2; die "Dovecot rejects its configuration"; }
  # doveconf -n leaves out settings at their defaults; the sync policy is worth showing anyway.
  doveconf -c "$DOVECOT_CONF" mail_fsync >>"$dir/doveconf-n.txt"
  dovecot -F -c "$DOVECOT_CONF" >"$dir/dovecot.out" 2>&1 &
  DOVECOT_PID=$!
  wait_port "$DOVECOT_PORT" "$DOVECOT_PID" Dovecot "$dir/dovecot.log" 30
  say "Dovecot $(dovecot --version | cut -d' ' -f1) ready on 127.0.0.1:$DOVECOT_PORT ($DOVECOT_MAIL, mail_fsync=$DOVECOT_FSYNC)"
}

start_slotmail() {
  local data=$BENCH_DIR/slotmail log=$BENCH_DIR/slotmail.log i
  say "adding ${#USERS[@]} Slotmail accounts..."
  for u in "${USERS[@]}"; do
    printf '%s\n' "$PASSWORD" | "$SLOTMAIL_CMD" user add "$u" --password-stdin --data "$data" >>"$BENCH_DIR/slotmail-users.log" 2>&1 \
      || { tail -n 5 "$BENCH_DIR/slotmail-users.log" >&2; die "slotmail user add $u failed"; }
  done
  "$SLOTMAIL_CMD" up --data "$data" --port-base "$SLOTMAIL_PORT_BASE" >"$log" 2>&1 &
  SLOTMAIL_PID=$!
  for (( i = 0; i < 1800; i++ )); do
    grep -qE '^slotmail ready[[:space:]]*$' "$log" && break
    kill -0 "$SLOTMAIL_PID" 2>/dev/null || { tail -n 20 "$log" >&2; die "slotmail up exited while starting; log: $log"; }
    sleep 0.1
  done
  grep -qE '^slotmail ready[[:space:]]*$' "$log" || { tail -n 20 "$log" >&2; die "slotmail up did not print 'slotmail ready' within 180 s"; }
  # The demo system may put its LMTP listener on another loopback address (127.0.1.N): use the
  # one it printed with the LMTP port, and only ever a loopback one.
  SLOTMAIL_HOST=$(grep -oE "\b127(\.[0-9]{1,3}){3}:$SLOTMAIL_PORT\b" "$log" | head -n1 | cut -d: -f1 || true)
  SLOTMAIL_HOST=${SLOTMAIL_HOST:-127.0.0.1}
  wait_port "$SLOTMAIL_PORT" "$SLOTMAIL_PID" Slotmail "$log" 10 "$SLOTMAIL_HOST"
  say "Slotmail ready; LMTP on $SLOTMAIL_HOST:$SLOTMAIL_PORT"
}

port_of() { if [ "$1" = dovecot ]; then echo "$DOVECOT_PORT"; else echo "$SLOTMAIL_PORT"; fi; }
host_of() { if [ "$1" = dovecot ]; then echo 127.0.0.1; else echo "$SLOTMAIL_HOST"; fi; }
pid_of() { if [ "$1" = dovecot ]; then echo "$DOVECOT_PID"; else echo "$SLOTMAIL_PID"; fi; }

# ---------------------------------------------------------------- measuring

field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

load() {  # target size sessions rcpts first-user messages warmup -> prints the result line
  "$JAVA" -cp "$GEN_CP" org.slotmail.bench.LmtpLoad --host "$(host_of "$1")" --port "$(port_of "$1")" \
    --size "$2" --sessions "$3" --recipients "$4" --first-user "$5" --messages "$6" --warmup "$7" \
    --domain "$DOMAIN" --label "$1" 2>>"$BENCH_DIR/load-errors.log"
}

# Mail that landed in Dovecot, counted from the files (maildir) or by doveadm (dbox formats).
dovecot_count() {
  local home=$BENCH_DIR/dovecot/mail/$1
  if [ "$DOVECOT_MAIL" = maildir ]; then
    { find "$home/Maildir/new" "$home/Maildir/cur" -type f 2>/dev/null || true; } | wc -l
  else
    doveadm -c "$DOVECOT_CONF" -f flow mailbox status -u "$1" messages INBOX | sed -n 's/.*messages=\([0-9]*\).*/\1/p'
  fi
}

descendants() { local p; for p in $(pgrep -P "$1" || true); do echo "$p"; descendants "$p"; done; }

# fsync and fdatasync calls per delivered message (1 session, 1 recipient), from strace -c over
# every thread of the server's process tree. Unmeasured; a separate user.
probe_syncs() {
  local target=$1 out=$BENCH_DIR/strace-$1.txt pid tid calls
  local -a attach=()
  command -v strace >/dev/null || { echo "not measured (no strace)"; return; }
  # One -p per process: strace -f -p attaches to all of a process's threads itself (naming
  # each thread too fails for threads that end meanwhile, as a JVM's do).
  for pid in $(pid_of "$target") $(descendants "$(pid_of "$target")"); do attach+=(-p "$pid"); done
  strace -f -c -e trace=fsync,fdatasync,sync_file_range,syncfs,msync -o "$out" "${attach[@]}" 2>"$out.log" &
  local spid=$!
  sleep 2
  if ! load "$target" 4k 1 1 0 "$PROBE_MESSAGES" 0 >/dev/null; then
    kill -INT "$spid" 2>/dev/null; wait "$spid" || true
    echo "not measured (probe delivery failed)"; return
  fi
  kill -INT "$spid" 2>/dev/null || true
  wait "$spid" 2>/dev/null || true
  grep -q 'attached' "$out.log" && ! grep -q 'not permitted' "$out.log" \
    || { echo "not measured (strace could not attach: $(head -n1 "$out.log"))"; return; }
  # strace -c writes no table at all when none of the traced calls happened.
  calls=$(awk '$NF ~ /^(fsync|fdatasync|sync_file_range|syncfs|msync)$/ { printf "%s%s %d", sep, $NF, $4; sep=", " }' "$out")
  [ -n "$calls" ] || { echo "no fsync-family calls in $PROBE_MESSAGES messages"; return; }
  awk -v n="$PROBE_MESSAGES" '$NF ~ /^(fsync|fdatasync|sync_file_range|syncfs)$/ { s += $4 }
    END { printf "%.2f sync calls per message", s / n }' "$out"
  echo " ($calls for $PROBE_MESSAGES messages)"
}

# ---------------------------------------------------------------- the run

wants dovecot && start_dovecot
wants slotmail && start_slotmail

# One message to every account, in one transaction, so every mailbox exists before the first
# concurrent delivery: with sdbox, Dovecot answers 451 "Mailbox already exists" to sessions that
# race to create a new user's INBOX. Real mailboxes exist long before their mail arrives.
for t in $TARGETS; do
  load "$t" 4k 1 "${#USERS[@]}" 0 1 0 >/dev/null || die "$t: creating the mailboxes failed; see $BENCH_DIR/load-errors.log"
done

declare -A PROBE=()
if [ "$FSYNC_PROBE" = 1 ]; then
  for t in $TARGETS; do
    PROBE[$t]=$(probe_syncs "$t")
    say "$t: ${PROBE[$t]}"
    [[ ${PROBE[$t]} != no\ fsync* ]] || say "WARNING: $t made no fsync-family call in $PROBE_MESSAGES deliveries; are its 250s durable?"
  done
fi

for t in $TARGETS; do
  [ "$SERVER_WARMUP" -eq 0 ] && break
  say "$t: warming up with $SERVER_WARMUP messages"
  load "$t" 4k 8 1 0 "$SERVER_WARMUP" 0 >/dev/null || die "$t: warm-up deliveries failed; see $BENCH_DIR/load-errors.log"
done

FAILED=0
declare -A LINE=()
cell_no=0
for cell in "${CELLS[@]}"; do
  read -r size sessions rcpts first <<<"$cell"
  order=$TARGETS
  (( cell_no % 2 == 1 )) && order=$(tr ' ' '\n' <<<"$TARGETS" | tac | tr '\n' ' ')
  for t in $order; do
    what="$t, $size, $sessions session(s), $rcpts recipient(s)"
    # A failed cell stops the run: the remaining figures would not be publishable anyway.
    line=$(load "$t" "$size" "$sessions" "$rcpts" "$first" "$MESSAGES" "$WARMUP") \
      || die "$what: deliveries failed: $(grep -m1 'lmtp-load: ' "$BENCH_DIR/load-errors.log" || echo '?'); all errors in $BENCH_DIR/load-errors.log"
    echo "$line" >>"$RESULTS"
    LINE["$t $cell"]=$line
    if [ "$t" = dovecot ]; then
      for (( k = first; k < first + rcpts; k++ )); do
        got=$(dovecot_count "user$k@$DOMAIN")
        [ "$got" = $(( MESSAGES + WARMUP + 1 )) ] || die "$what: Dovecot holds $got messages for user$k, expected $(( MESSAGES + WARMUP + 1 ))"
      done
    fi
    say "$(printf '%-4s %d session(s) %d rcpt(s) %-8s %8s msg/s  p50 %s ms  p99 %s ms' "$size" "$sessions" "$rcpts" "$t" \
      "$(field "$line" msgs_per_s)" "$(field "$line" p50_ms)" "$(field "$line" p99_ms)")"
  done
  cell_no=$(( cell_no + 1 ))
done

# Clean stops are part of the result: a server that cannot shut down cleanly is not ready.
if [ -n "$SLOTMAIL_PID" ]; then
  kill -TERM "$SLOTMAIL_PID"; status=0; wait "$SLOTMAIL_PID" || status=$?; SLOTMAIL_PID=
  [ $status -eq 0 ] || [ $status -eq 143 ] || { FAILED=1; say "slotmail up exited with status $status on SIGTERM"; }
fi
stop_pid "$DOVECOT_PID" Dovecot; DOVECOT_PID=

# ---------------------------------------------------------------- the report

bytes_label() { case $1 in *k|*K) echo "${1%[kK]} KB";; *m|*M) echo "${1%[mM]} MB";; *) echo "$1 B";; esac; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f×", a / b; else printf "—" }'; }
target_for() { case $1 in 1) echo 3;; 8) echo 10;; *) echo "";; esac; }
verdict() {  # ratio-number sessions
  local want; want=$(target_for "$2")
  [ -n "$want" ] || { echo "—"; return; }
  awk -v r="$1" -v w="$want" 'BEGIN { if (r == "") print "—"; else if (r + 0 >= w) printf "≥%d× met", w; else printf "≥%d× missed", w }'
}
cellval() { field "${LINE["$1 $2"]:-}" "$3"; }

{
  echo "## LMTP delivery"
  echo
  echo "Written by \`bench/lmtp/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); rerun it to replace this section."
  echo "Method and checks: the next section."
  echo
  echo "- Command: \`$COMMAND\`"
  echo "- Machine: $(nproc) CPUs ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1)), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory, Linux $(uname -r), $(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "- Disk: $FS_TYPE on $(df --output=source "$BENCH_DIR" | tail -n1) (data in \`${BENCH_DIR#"$ROOT"/}\`)"
  echo "- Java: $("$JAVA" -version 2>&1 | head -n1); 1-minute load average $LOAD_START before the servers started, $(cut -d' ' -f1 /proc/loadavg) at the end (other work on the machine shows here)"
  wants dovecot && echo "- Dovecot: $(dovecot --version), $DOVECOT_MAIL, \`mail_fsync = $DOVECOT_FSYNC\`; syncs: ${PROBE[dovecot]:-not probed}"
  wants slotmail && echo "- Slotmail: commit \`$(git -C "$(dirname "$SLOTMAIL_CMD")" describe --always --dirty 2>/dev/null || echo unknown)\` ($SLOTMAIL_HOST:$SLOTMAIL_PORT); syncs: ${PROBE[slotmail]:-not probed}"
  echo "- Load: per cell and server $MESSAGES measured messages after $WARMUP unmeasured ones (and $SERVER_WARMUP per server before the first cell); each message waits for all its recipients' replies"
  echo
  echo "| size | sessions | rcpts | Slotmail msg/s | Dovecot msg/s | ratio | target | Slotmail p50 / p99 ms | Dovecot p50 / p99 ms |"
  echo "|---|---:|---:|---:|---:|---:|---|---:|---:|"
  for cell in "${CELLS[@]}"; do
    read -r size sessions rcpts first <<<"$cell"
    s=$(cellval slotmail "$cell" msgs_per_s); d=$(cellval dovecot "$cell" msgs_per_s)
    r=$(ratio "$s" "$d"); rn=${r%×}; [ "$r" = "—" ] && rn=
    sl="—"; [ -z "$s" ] || sl="$(cellval slotmail "$cell" p50_ms) / $(cellval slotmail "$cell" p99_ms)"
    dl="—"; [ -z "$d" ] || dl="$(cellval dovecot "$cell" p50_ms) / $(cellval dovecot "$cell" p99_ms)"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$(bytes_label "$size")" "$sessions" "$rcpts" \
      "${s:-—}" "${d:-—}" "$r" "$(verdict "$rn" "$sessions")" "$sl" "$dl"
  done
  if wants dovecot; then
    echo
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
  $0 == "## LMTP delivery" { emit(); skip = 1; next }
  skip && /^## / { skip = 0 }
  !skip { print }
  END { if (!done) { print ""; emit() } }
' "$REPORT" >"$REPORT.tmp" && mv "$REPORT.tmp" "$REPORT"
say "done: ${REPORT#"$ROOT"/} updated; raw results in $RESULTS"
