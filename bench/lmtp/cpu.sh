#!/usr/bin/env bash
# CPU time per delivered message, for an LMTP server that is already running:
#
#   bench/lmtp/cpu.sh SERVER_PID PORT [LmtpLoad options...]
#   e.g. bench/lmtp/cpu.sh 12345 21024 --size 4k --sessions 8 --messages 10000 --warmup 2000
#
# Runs the load generator (bench/.../LmtpLoad.java) once and prints its result line, then one
# line with what the measured part (after the generator's warm-up) cost: the server's user and
# system CPU per message (from /proc/PID/stat: every thread of the process), its context switches
# per message (voluntary and involuntary, summed over /proc/PID/task/*/status; threads that end
# during the run are missed), how much of the server's CPU went to its JIT compiler threads (a
# server that still compiles is not warmed up), the generator's own CPU per message (it measures
# itself), and the whole machine's busy CPU per message (/proc/stat: every process and the
# kernel's own threads, such as the disk's interrupts, which neither process is charged; on a
# shared machine, other people's work too).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
[ $# -ge 2 ] || { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 2; }
PID=$1 PORT=$2
shift 2
[ -r "/proc/$PID/stat" ] || { echo "bench/lmtp/cpu.sh: no process $PID" >&2; exit 1; }
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
TICK=$(getconf CLK_TCK)

# utime and stime: fields 14 and 15 of /proc/PID/stat, counted after the "(command name)".
cpu_ticks() { sed 's/^.*) //' "/proc/$PID/stat" | awk '{ print $12, $13 }'; }
switches() {
  cat /proc/"$PID"/task/*/status 2>/dev/null | awk '
    /^voluntary_ctxt_switches/ { v += $2 } /^nonvoluntary_ctxt_switches/ { n += $2 } END { print v + 0, n + 0 }'
}

# utime + stime of the JIT compiler threads: compiling is warm-up, reported apart so a run that
# still compiles shows it (their threads live as long as the JVM, so none are missed).
jit_ticks() {
  for t in /proc/"$PID"/task/*; do
    case $(cat "$t/comm" 2>/dev/null) in "C1 CompilerThre"*|"C2 CompilerThre"*) ;; *) continue ;; esac
    sed 's/^.*) //' "$t/stat" | awk '{ print $12 + $13 }'
  done | awk '{ s += $1 } END { print s + 0 }'
}

# Busy jiffies of the whole machine: every column of the "cpu" line but idle and iowait.
machine_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }

OUT=$(mktemp) ERR=$(mktemp)
trap 'rm -f "$OUT" "$ERR"' EXIT
"$JAVA" -cp "$ROOT/bench/target/lib/*" org.slotmail.bench.LmtpLoad --port "$PORT" --announce-measuring "$@" \
  >"$OUT" 2>"$ERR" &
GEN=$!
until grep -q '^measuring$' "$ERR" || ! kill -0 "$GEN" 2>/dev/null; do sleep 0.01; done
read -r U0 S0 < <(cpu_ticks)
read -r V0 N0 < <(switches)
M0=$(machine_busy)
J0=$(jit_ticks)
wait "$GEN" || { cat "$ERR" >&2; exit 1; }
read -r U1 S1 < <(cpu_ticks)
read -r V1 N1 < <(switches)
M1=$(machine_busy)
J1=$(jit_ticks)
cat "$OUT"
awk -v line="$(cat "$OUT")" -v u=$((U1 - U0)) -v s=$((S1 - S0)) -v v=$((V1 - V0)) -v n=$((N1 - N0)) \
    -v mach=$((M1 - M0)) -v jit=$((J1 - J0)) -v tick="$TICK" 'BEGIN {
  split(line, kv, " "); for (i in kv) { split(kv[i], p, "="); f[p[1]] = p[2] }
  m = f["messages"]
  printf "cpu msgs_per_s=%s server_us_per_msg=%.0f (user %.0f, sys %.0f, jit %.0f) server_ctxsw_per_msg=%.2f" \
    " (vol %.2f, invol %.2f) client_us_per_msg=%s machine_us_per_msg=%.0f\n",
    f["msgs_per_s"], (u + s) * 1e6 / tick / m, u * 1e6 / tick / m, s * 1e6 / tick / m, jit * 1e6 / tick / m,
    (v + n) / m, v / m, n / m, f["client_cpu_us_per_msg"], mach * 1e6 / tick / m
}'
