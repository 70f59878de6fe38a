#!/usr/bin/env bash
# Two-way sync between a slotmail IMAP server (Far) and a local Maildir (Near) with mbsync (isync),
# checked against what the server really holds (read back with Python's imaplib):
#   1. mail delivered over LMTP arrives in the Maildir, byte for byte (but for the LF line ends and
#      the X-TUID field that mbsync gives every copy it makes);
#   2. a message written into the Maildir, local flag changes and a local delete reach the server,
#      and a server-side flag change reaches the Maildir;
#   3. a second sync run is a no-op: no changing IMAP command, nothing moves on either side;
#   4. the server's message count is the Maildir's.
#
# Usage: mbsync_check.sh --host H --port P --user U --password W --lmtp-port L
# (or IMAP_HOST, IMAP_PORT, IMAP_USER, IMAP_PASSWORD, LMTP_PORT in the environment).
# Exits 1 with "FAIL <check>: <why>" on the first failed check.
set -euo pipefail

HOST=${IMAP_HOST:-127.0.0.1} PORT=${IMAP_PORT:-10143} USER_NAME=${IMAP_USER:-} PASSWORD=${IMAP_PASSWORD:-}
LMTP=${LMTP_PORT:-10024}
while [ $# -gt 0 ]; do
  case "$1" in
    --host) HOST=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --user) USER_NAME=$2; shift 2 ;;
    --password) PASSWORD=$2; shift 2 ;;
    --lmtp-port) LMTP=$2; shift 2 ;;
    *) echo "mbsync_check: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$USER_NAME" ] && [ -n "$PASSWORD" ] || { echo "mbsync_check: --user and --password are required" >&2; exit 2; }
command -v mbsync >/dev/null || { echo "FAIL setup: mbsync is not installed (run install.sh)"; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mbsync-check.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
MAILDIR=$WORK/mail
TAG=$(od -An -N5 -tx1 /dev/urandom | tr -d ' \n')
CHECK=setup

fail() { echo "FAIL $CHECK: $*"; exit 1; }
ok() { echo "ok   $CHECK: $*"; }

umask 077
printf '%s' "$PASSWORD" >"$WORK/password"
mkdir -p "$MAILDIR"
cat >"$WORK/mbsyncrc" <<EOF
IMAPAccount slotmail
Host $HOST
Port $PORT
User $USER_NAME
PassCmd "cat $WORK/password"
# Plaintext on loopback: the server allows LOGIN there (slotmail up has no certificate clients trust).
SSLType None
AuthMechs LOGIN

IMAPStore far
Account slotmail

MaildirStore near
Path $MAILDIR/
Inbox $MAILDIR/INBOX
SubFolders Verbatim

Channel slotmail
Far :far:
Near :near:
Patterns INBOX
Create Near
Expunge Both
SyncState *
Sync All
EOF

# The server side of every check, in Python's stdlib: LMTP delivery and imaplib reads.
cat >"$WORK/server.py" <<'PY'
import base64, email, imaplib, os, random, re, smtplib, sys

HOST, PORT, USER, LMTP = os.environ['HOST'], int(os.environ['PORT']), os.environ['USER_NAME'], int(os.environ['LMTP'])
PASSWORD = open(os.environ['WORK'] + '/password').read()
MAILDIR_FLAGS = {'D': '\\Draft', 'F': '\\Flagged', 'R': '\\Answered', 'S': '\\Seen', 'T': '\\Deleted'}

def die(msg):
    print(msg)
    sys.exit(1)

def connect():
    imap = imaplib.IMAP4(HOST, PORT, timeout=10)
    imap.login(USER, PASSWORD)
    typ, data = imap.select('INBOX')
    if typ != 'OK':
        die(f'SELECT INBOX answered {typ} {data}')
    return imap

def message(kind, tag):
    if kind == 'plain':
        return (f'From: Bob <bob@example.org>\r\nTo: {USER}\r\nSubject: mbsync plain {tag}\r\n'
                f'Message-ID: <plain.{tag}@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n'
                f'Content-Transfer-Encoding: 8bit\r\n\r\nGrüße.\r\n.dot line\r\n').encode()
    rng = random.Random(tag)
    b64 = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(3000))).decode()
    body = '\r\n'.join(b64[i:i + 76] for i in range(0, len(b64), 76))
    return (f'From: Carol <carol@example.net>\r\nTo: {USER}\r\nSubject: mbsync multipart {tag}\r\n'
            f'Message-ID: <multi.{tag}@example.net>\r\nMIME-Version: 1.0\r\n'
            f'Content-Type: multipart/mixed; boundary="b{tag}"\r\n\r\n--b{tag}\r\n'
            f'Content-Type: text/plain\r\n\r\nSee attachment.\r\n--b{tag}\r\n'
            f'Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n'
            f'Content-Disposition: attachment; filename="data.bin"\r\n\r\n{body}\r\n--b{tag}--\r\n').encode()

def server_messages(imap):
    """{uid: (flags, bytes)} for every message in INBOX."""
    typ, data = imap.uid('FETCH', '1:*', '(UID FLAGS BODY.PEEK[])')
    if typ != 'OK':
        die(f'UID FETCH 1:* answered {typ} {data}')
    out = {}
    for piece in data:
        if isinstance(piece, tuple):
            head = piece[0].decode()
            uid = int(re.search(r'UID (\d+)', head).group(1))
            flags = set(re.search(r'FLAGS \(([^)]*)\)', head).group(1).split())
            out[uid] = (flags, piece[1])
    return out

def maildir_messages(maildir):
    """{path: (flags, bytes)} for every message file in the Maildir INBOX (cur and new)."""
    out = {}
    for sub in ('cur', 'new'):
        d = os.path.join(maildir, 'INBOX', sub)
        for name in sorted(os.listdir(d)):
            info = name.split(':2,', 1)[1] if ':2,' in name else ''
            with open(os.path.join(d, name), 'rb') as f:
                out[f'{sub}/{name}'] = ({MAILDIR_FLAGS[c] for c in info if c in MAILDIR_FLAGS}, f.read())
    return out

def without_tuid(raw):
    """The message with LF line ends and without mbsync's X-TUID field, which it adds to every copy."""
    raw = raw.replace(b'\r\n', b'\n')
    header, sep, body = raw.partition(b'\n\n')
    return re.sub(rb'(^|\n)X-TUID: [^\n]*(?=\n|$)', b'', header) + sep + body

def same_content(server_bytes, local_bytes):
    """mbsync keeps Maildir files with LF line ends and tags each copy it makes with X-TUID."""
    return without_tuid(server_bytes) == without_tuid(local_bytes)

def message_id(raw):
    return email.message_from_bytes(raw).get('Message-ID', '').strip()

cmd, args = sys.argv[1], sys.argv[2:]
if cmd == 'deliver':
    with smtplib.LMTP(HOST, LMTP, timeout=30) as lmtp:
        refused = lmtp.sendmail('sender@example.org', [USER], message(args[0], args[1]), mail_options=['BODY=8BITMIME'])
        if refused:
            die(f'LMTP refused {USER}: {refused}')
elif cmd == 'state':
    imap = imaplib.IMAP4(HOST, PORT, timeout=10)
    imap.login(USER, PASSWORD)
    typ, data = imap.status('INBOX', '(MESSAGES UIDNEXT HIGHESTMODSEQ)')
    print(data[0].decode().partition(' ')[2])
elif cmd == 'match':
    # Every server message is in the Maildir exactly once with the same content and flags.
    server, local = server_messages(connect()), maildir_messages(args[0])
    unmatched = dict(local)
    for uid, (flags, raw) in sorted(server.items()):
        hits = [p for p, (_, b) in unmatched.items() if same_content(raw, b)]
        if len(hits) != 1:
            die(f'server UID {uid} ({message_id(raw)}, {len(raw)} octets) is in the Maildir {len(hits)} times; '
                f'Maildir has {sorted(local)}')
        local_flags = unmatched.pop(hits[0])[0]
        server_flags = {f for f in flags if f in MAILDIR_FLAGS.values()}
        if local_flags != server_flags:
            die(f'server UID {uid} has flags {sorted(server_flags)}, its Maildir file {hits[0]} has {sorted(local_flags)}')
    if unmatched:
        die(f'Maildir files not on the server: {sorted(unmatched)}')
    print(f'{len(server)} messages, same bytes and flags on both sides')
elif cmd == 'find':
    # Prints the flags of the server message with this Message-ID, or "absent"; checks the bytes against a file.
    hits = [(uid, f, raw) for uid, (f, raw) in server_messages(connect()).items() if message_id(raw) == args[0]]
    if not hits:
        print('absent')
        sys.exit(0)
    if len(hits) > 1:
        die(f'{args[0]} is on the server {len(hits)} times: UIDs {[h[0] for h in hits]}')
    uid, flags, raw = hits[0]
    if len(args) > 1:
        local = open(args[1], 'rb').read()
        if not same_content(raw, local):
            die(f'server UID {uid} is not the Maildir file:\nserver {raw!r}\nlocal  {local!r}')
    print(' '.join(sorted(flags)) or '()')
elif cmd == 'store':
    typ, data = connect().uid('STORE', args[0], '+FLAGS', args[1])
    if typ != 'OK':
        die(f'STORE answered {typ} {data}')
elif cmd == 'uid':
    hits = [uid for uid, (_, raw) in server_messages(connect()).items() if message_id(raw) == args[0]]
    print(hits[0] if hits else 'absent')
PY

export HOST PORT USER_NAME LMTP WORK
server() { python3 "$WORK/server.py" "$@"; }
sync() {  # sync LOG: one mbsync run with its IMAP traffic logged
  if ! mbsync -c "$WORK/mbsyncrc" -a -Dn >"$1" 2>&1; then
    tail -n 30 "$1"
    fail "mbsync exited non-zero (log above)"
  fi
}
local_file() {  # local_file MESSAGE-ID: the Maildir file holding it
  grep -rlF -- "Message-ID: $1" "$MAILDIR/INBOX/cur" "$MAILDIR/INBOX/new" 2>/dev/null || true
}

CHECK=server_mail_arrives_in_maildir
server deliver plain "$TAG" || fail "LMTP delivery"
server deliver multipart "$TAG" || fail "LMTP delivery"
sync "$WORK/sync1.log"
[ -n "$(local_file "<plain.$TAG@example.org>")" ] || fail "the plain message delivered on the server is not in the Maildir"
[ -n "$(local_file "<multi.$TAG@example.net>")" ] || fail "the multipart message delivered on the server is not in the Maildir"
out=$(server match "$MAILDIR") || fail "$out"
ok "$out"

CHECK=local_changes_reach_server
# A message written locally the way a mail program does: LF line ends, a unique name in new/.
local_new="$MAILDIR/INBOX/new/$(date +%s).$$_$TAG.localhost"
printf 'From: me@example.com\nTo: you@example.com\nSubject: written locally %s\nMessage-ID: <local.%s@example.com>\n\nHello from the Maildir.\n' \
  "$TAG" "$TAG" >"$local_new"
# Flag one message locally (Flagged, Seen), delete another (Trashed; Expunge Both removes it).
# As a mail program does it: the file moves to cur/, its flags after ":2," in the name (Maildir).
plain=$(local_file "<plain.$TAG@example.org>")
mv "$plain" "$MAILDIR/INBOX/cur/$(basename "${plain%%:2,*}"):2,FS"
multi=$(local_file "<multi.$TAG@example.net>")
mv "$multi" "$MAILDIR/INBOX/cur/$(basename "${multi%%:2,*}"):2,T"
# Meanwhile the server answers a message: \Answered must come down as R.
server store "$(server uid "<plain.$TAG@example.org>")" '(\Answered)' || fail "STORE on the server"
sync "$WORK/sync2.log"
flags=$(server find "<local.$TAG@example.com>" "$(local_file "<local.$TAG@example.com>")") || fail "$flags"
[ "$flags" != absent ] || fail "the message written into the Maildir did not reach the server"
flags=$(server find "<plain.$TAG@example.org>") || fail "$flags"
for f in '\Flagged' '\Seen' '\Answered'; do
  [[ " $flags " == *" $f "* ]] || fail "server flags of the plain message are ($flags), missing $f"
done
[[ "$(local_file "<plain.$TAG@example.org>")" == *:2,FRS ]] \
  || fail "\\Answered set on the server did not reach the Maildir: $(local_file "<plain.$TAG@example.org>")"
gone=$(server find "<multi.$TAG@example.net>") || fail "$gone"
[ "$gone" = absent ] || fail "the message deleted in the Maildir is still on the server, flags ($gone)"
[ -z "$(local_file "<multi.$TAG@example.net>")" ] || fail "the deleted message is still in the Maildir"
out=$(server match "$MAILDIR") || fail "$out"
ok "new message, flags (\\Flagged \\Seen up, \\Answered down) and a delete crossed; $out"

CHECK=second_sync_is_noop
listing() { (cd "$MAILDIR/INBOX" && find cur new -type f -exec sha256sum {} + | sort); }
before_state=$(server state) before_files=$(listing)
sync "$WORK/sync3.log"
changes=$(grep -E '^(\([0-9]+ in progress\) )?>>> [0-9]+ (UID )?(APPEND|STORE|EXPUNGE|COPY|MOVE|CREATE|DELETE)' "$WORK/sync3.log" || true)
[ -z "$changes" ] || fail "the second run still changed the server: $changes"
after_state=$(server state)
[ "$before_state" = "$after_state" ] || fail "server mailbox moved from $before_state to $after_state"
[ "$before_files" = "$(listing)" ] || fail "the Maildir changed: $(diff <(echo "$before_files") <(listing) || true)"
ok "no changing command sent; server $after_state unchanged; Maildir unchanged"

CHECK=server_count_matches_maildir
messages=$(sed -n 's/.*MESSAGES \([0-9]*\).*/\1/p' <<<"$after_state")
files=$(find "$MAILDIR/INBOX/cur" "$MAILDIR/INBOX/new" -type f | wc -l)
[ "$messages" = "$files" ] || fail "server has $messages messages, the Maildir $files"
ok "$messages on both sides"
echo "mbsync: 4 checks passed"
