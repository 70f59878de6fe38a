#!/usr/bin/env bash
# fetchmail (Debian) against a slotmail POP3 server, over POP3 with STLS and over POP3S, with the
# server's demo certificate checked (sslcertck against the PEM that `up` writes):
#   1. in keep mode the first run downloads every message, byte for byte (fetchmail hands them to
#      the MDA with LF line ends and its own Received field on top);
#   2. a second keep run downloads nothing: fetchmail's UIDL bookkeeping (the idfile) recognises
#      every message, because the server's unique ids did not change;
#   3. the same over POP3S, whose idfile names the same unique ids as the STLS one;
#   4. a run without keep deletes what it fetched (DELE, then QUIT), and the server's INBOX is empty.
#
# Usage: fetchmail_check.sh --host H --port P --pop3s-port S --cafile PEM --user U --password W --lmtp-port L
# Exits 1 with "FAIL <check>: <why>" on the first failed check.
set -euo pipefail

HOST=127.0.0.1 PORT= POP3S= CAFILE= USER_NAME= PASSWORD= LMTP=
while [ $# -gt 0 ]; do
  case "$1" in
    --host) HOST=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --pop3s-port) POP3S=$2; shift 2 ;;
    --cafile) CAFILE=$2; shift 2 ;;
    --user) USER_NAME=$2; shift 2 ;;
    --password) PASSWORD=$2; shift 2 ;;
    --lmtp-port) LMTP=$2; shift 2 ;;
    *) echo "fetchmail_check: unknown argument $1" >&2; exit 2 ;;
  esac
done
for v in PORT POP3S CAFILE USER_NAME PASSWORD LMTP; do
  [ -n "${!v}" ] || { echo "fetchmail_check: --port --pop3s-port --cafile --user --password --lmtp-port are required" >&2; exit 2; }
done
command -v fetchmail >/dev/null || { echo "FAIL setup: fetchmail is not installed (run install.sh)"; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fetchmail-check.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
TAG=$(od -An -N5 -tx1 /dev/urandom | tr -d ' \n')
CHECK=setup
fail() { echo "FAIL $CHECK: $*"; exit 1; }
ok() { echo "ok   $CHECK: $*"; }
umask 077
# fetchmail keeps its lock and state under $HOME (or FETCHMAILHOME): one of our own, not the user's.
export HOME=$WORK FETCHMAILHOME=$WORK

# The server side of every check, in Python's stdlib: LMTP delivery, poplib to see what the server holds.
cat >"$WORK/server.py" <<'PY'
import os, poplib, smtplib, ssl, sys
HOST, USER, PASSWORD = os.environ['HOST'], os.environ['USER_NAME'], os.environ['PASSWORD']
TAG = os.environ['TAG']

def message(n):
    return (f'From: Bob <bob@example.org>\r\nTo: {USER}\r\nSubject: fetchmail {n} {TAG}\r\n'
            f'Message-ID: <fetchmail.{n}.{TAG}@example.org>\r\n\r\n'
            f'Message {n}.\r\n.a line that starts with a dot\r\n..and two\r\n'
            + ''.join(f'line {i} of message {n}\r\n' for i in range(200 * n))).encode()

def uidls():
    ctx = ssl.create_default_context(cafile=os.environ['CAFILE'])
    pop = poplib.POP3_SSL(HOST, int(os.environ['POP3S']), context=ctx, timeout=30)
    pop.user(USER)
    pop.pass_(PASSWORD)
    out = sorted(line.split()[1].decode() for line in pop.uidl()[1])
    pop.quit()
    return out

cmd = sys.argv[1]
if cmd == 'deliver':
    with smtplib.LMTP(HOST, int(os.environ['LMTP']), timeout=30) as lmtp:
        for n in (1, 2, 3):
            refused = lmtp.sendmail('sender@example.org', [USER], message(n))
            if refused:
                sys.exit(f'LMTP refused {USER}: {refused}')
elif cmd == 'uidls':
    print(' '.join(uidls()))
elif cmd == 'match':
    # Every delivered message is in exactly one MDA file, whose tail is the delivered bytes with LF ends.
    # Only this run's messages: an INBOX left over from an earlier run may hold more.
    files = [open(os.path.join(sys.argv[2], f), 'rb').read() for f in sorted(os.listdir(sys.argv[2]))]
    files = [f for f in files if TAG.encode() in f]
    for n in (1, 2, 3):
        want = message(n).replace(b'\r\n', b'\n')
        hits = [f for f in files if f.endswith(want)]
        if len(hits) != 1:
            sys.exit(f'message {n} is in {len(hits)} of {len(files)} MDA files; '
                     f'first file ends {files[0][-200:]!r}' if files else f'no MDA files for message {n}')
    if len(files) != 3:
        sys.exit(f'{len(files)} MDA files of this run for 3 messages')
    print(f'{len(files)} messages, each byte for byte (LF line ends)')
PY
export HOST USER_NAME PASSWORD LMTP POP3S CAFILE TAG
server() { python3 "$WORK/server.py" "$@"; }

# The MDA: each message into its own file in the directory given as its first argument.
cat >"$WORK/mda.sh" <<'SH'
#!/bin/sh
f=$(mktemp "$1/msg.XXXXXX") && cat >"$f"
SH
chmod +x "$WORK/mda.sh"

rcfile() {  # rcfile NAME PORT MODE(stls|ssl) KEEP(keep|nokeep): writes $WORK/NAME.rc
  local tls
  if [ "$3" = ssl ]; then tls="ssl sslcertck sslcertfile \"$CAFILE\""
  else tls="sslproto 'tls1.2+' sslcertck sslcertfile \"$CAFILE\""; fi
  mkdir -p "$WORK/$1.out"
  # The demo certificate names localhost; fetchmail checks the name it connected to.
  cat >"$WORK/$1.rc" <<RC
set no syslog
poll localhost protocol POP3 service $2 uidl
  user "$USER_NAME" there with password "$PASSWORD" is "$(id -un)" here
  $tls
  $4
  mda "$WORK/mda.sh $WORK/$1.out"
RC
  chmod 600 "$WORK/$1.rc"
}
run() {  # run NAME: one fetchmail run with its rcfile and idfile, verbose log in NAME.logN; prints its exit code
  local n=$(( $(ls "$WORK" | grep -c "^$1\.log") + 1 )) rc=0
  fetchmail -f "$WORK/$1.rc" --idfile "$WORK/$1.ids" --pidfile "$WORK/fetchmail.pid" -v >"$WORK/$1.log$n" 2>&1 || rc=$?
  echo "$rc"
}
files() { find "$WORK/$1.out" -type f | wc -l; }

server deliver || fail "LMTP delivery"
expected_ids=$(server uidls 2>&1) || fail "$expected_ids"

for mode in stls ssl; do
  port=$PORT; [ $mode = ssl ] && port=$POP3S
  name=keep-$mode
  rcfile "$name" "$port" "$mode" keep

  CHECK="${mode}_first_keep_run_downloads_everything"
  rc=$(run "$name")
  [ "$rc" = 0 ] || { tail -n 25 "$WORK/$name.log1"; fail "fetchmail exited $rc (log above)"; }
  if [ $mode = stls ]; then
    grep -q 'POP3> STLS' "$WORK/$name.log1" || fail "fetchmail did not use STLS: $(grep -m5 'POP3[<>]' "$WORK/$name.log1")"
  fi
  out=$(server match "$WORK/$name.out" 2>&1) || fail "$out"
  first_files=$(files "$name")
  ok "$out"

  CHECK="${mode}_second_keep_run_downloads_nothing"
  rc=$(run "$name")
  # fetchmail exits 1 when there was no new mail.
  [ "$rc" = 1 ] || { tail -n 25 "$WORK/$name.log2"; fail "second run exited $rc, expected 1 (no mail)"; }
  [ "$(files "$name")" = "$first_files" ] || fail "second run delivered more: $(files "$name") files after $first_files"
  if grep -q 'POP3> RETR' "$WORK/$name.log2"; then fail "second run sent RETR: $(grep -m3 'POP3> RETR' "$WORK/$name.log2")"; fi
  ids=$(awk '{print $2}' "$WORK/$name.ids" | sort | tr '\n' ' ' | sed 's/ $//')
  [ "$ids" = "$expected_ids" ] || fail "idfile has [$ids], the server's UIDL is [$expected_ids]"
  ok "no RETR, nothing new; idfile holds the server's $(wc -w <<<"$ids") unique ids"
done

CHECK=run_without_keep_deletes_what_it_fetched
rcfile delete "$POP3S" ssl nokeep
rc=$(run delete)
[ "$rc" = 0 ] || { tail -n 25 "$WORK/delete.log1"; fail "fetchmail exited $rc (log above)"; }
grep -q 'POP3> DELE' "$WORK/delete.log1" || fail "fetchmail sent no DELE"
grep -q 'POP3> QUIT' "$WORK/delete.log1" || fail "fetchmail sent no QUIT"
out=$(server match "$WORK/delete.out" 2>&1) || fail "$out"
left=$(server uidls 2>&1) || fail "$left"
[ -z "$left" ] || fail "the server still holds [$left] after DELE and QUIT"
ok "$out; DELE + QUIT left the INBOX empty"
echo "fetchmail: 5 checks passed"
