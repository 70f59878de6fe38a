#!/usr/bin/env python3
"""Drives Python's own imaplib (stdlib only) against a slotmail IMAP server and checks real content.

Mail is delivered over LMTP (smtplib.LMTP), then read back over IMAP: exact bytes, ENVELOPE,
BODYSTRUCTURE and body parts; flags across sessions; APPEND/COPY/MOVE with UIDPLUS codes; IDLE
woken by a delivery; QRESYNC resynchronisation after another session changed the mailbox.

Usage: imaplib_check.py --host H --port P --user U --password W --lmtp-port L
(or IMAP_HOST, IMAP_PORT, IMAP_USER, IMAP_PASSWORD, LMTP_PORT in the environment).
Exits 1 with "FAIL <check>: <why>" on the first failed check, 0 after "all N checks passed".
"""

import argparse
import base64
import email.header
import email.utils
import imaplib
import os
import random
import re
import smtplib
import socket
import sys
import time
import uuid

# How long IDLE may take to report a delivery once LMTP acknowledged it.
IDLE_DEADLINE_SECONDS = 1.0


class CheckFailed(Exception):
    """A server answer that is not what the RFC asks for."""


def expect(condition, detail):
    if not condition:
        raise CheckFailed(detail)


# ---------------------------------------------------------------------------------------------
# Reading IMAP data: imaplib hands back response lines with their literals split out; this joins
# them again and parses the RFC 3501 §4 data formats into Python values.

ATOM_END = b' ()\r\n'


def parse_imap(data):
    """Parses a response's data into nested lists: atoms as str, strings/literals as bytes, NIL as None."""
    pos = 0

    def value():
        nonlocal pos
        c = data[pos:pos + 1]
        if c == b'(':
            pos += 1
            items = []
            while True:
                while data[pos:pos + 1] == b' ':
                    pos += 1
                if data[pos:pos + 1] == b')':
                    pos += 1
                    return items
                expect(pos < len(data), f'unterminated list in {data[:200]!r}')
                items.append(value())
        if c == b'"':
            pos += 1
            out = bytearray()
            while data[pos:pos + 1] != b'"':
                expect(pos < len(data), f'unterminated quoted string in {data[:200]!r}')
                if data[pos:pos + 1] == b'\\':
                    pos += 1
                out += data[pos:pos + 1]
                pos += 1
            pos += 1
            return bytes(out)
        if c in (b'{', b'~'):
            m = re.compile(rb'~?\{(\d+)\+?\}\r\n').match(data, pos)
            expect(m, f'bad literal at {data[pos:pos + 20]!r}')
            start = m.end()
            pos = start + int(m.group(1))
            return data[start:pos]
        start = pos
        depth = 0
        while pos < len(data) and (depth or data[pos] not in ATOM_END):
            if data[pos] == ord('['):
                depth += 1
            elif data[pos] == ord(']'):
                depth -= 1
            pos += 1
        atom = data[start:pos].decode('ascii')
        return None if atom.upper() == 'NIL' else atom

    values = []
    while pos < len(data):
        if data[pos:pos + 1] in (b' ', b'\r', b'\n'):
            pos += 1
            continue
        values.append(value())
    return values


def joined_responses(pieces):
    """imaplib's untagged data (tuples for literals, then the line's tail) as whole responses."""
    whole, current = [], b''
    for piece in pieces:
        if isinstance(piece, tuple):
            current += piece[0] + b'\r\n' + piece[1]
        else:
            whole.append(current + piece)
            current = b''
    return whole


def fetch_items(response):
    """One FETCH response ('12 (UID 5 FLAGS (...))') as (seq, {ITEM: value})."""
    parsed = parse_imap(response)
    expect(len(parsed) == 2 and isinstance(parsed[1], list), f'malformed FETCH response {response[:200]!r}')
    items = parsed[1]
    return int(parsed[0]), {str(items[i]).upper(): items[i + 1] for i in range(0, len(items) - 1, 2)}


def uid_fetch(imap, uids, items):
    """UID FETCH; returns {uid: {ITEM: value}} for the messages the server answered about."""
    imap.untagged_responses.pop('FETCH', None)
    typ, data = imap.uid('FETCH', uids, items)
    expect(typ == 'OK', f'UID FETCH {uids} {items} answered {typ} {data!r}')
    out = {}
    for response in joined_responses([d for d in data if d is not None]):
        _, values = fetch_items(response)
        if 'UID' in values:
            out.setdefault(int(values['UID']), {}).update(values)
    return out


def fetch_one(imap, uid, items):
    got = uid_fetch(imap, str(uid), items)
    expect(uid in got, f'UID FETCH {uid} {items} returned nothing for that UID: {got!r}')
    return got[uid]


def response_code(text, code):
    """The arguments of [CODE ...] in a response text, as a list of str, or None."""
    if isinstance(text, bytes):
        text = text.decode('utf-8', 'replace')
    m = re.search(r'\[' + code + r' ([^\]]*)\]', text, re.IGNORECASE)
    return m.group(1).split() if m else None


def copyuid(imap):
    """The [COPYUID validity src dst] code of the last COPY/MOVE, tagged or untagged, as 3 strings.

    imaplib files every bracketed response code, also the tagged one's, under its name."""
    codes = imap.untagged_responses.get('COPYUID') or [b'']
    return codes[-1].decode().split()


def uid_set(text):
    """Expands an IMAP sequence set of UIDs ('3:5,9') into a list of ints."""
    out = []
    for part in text.split(','):
        lo, _, hi = part.partition(':')
        lo, hi = int(lo), int(hi or lo)
        out.extend(range(min(lo, hi), max(lo, hi) + 1))
    return out


def flag_set(value):
    return {f.lower() for f in value}


# ---------------------------------------------------------------------------------------------
# The messages: built byte by byte so the exact bytes the server must give back are known.


def plain_message(tag):
    return (
        f'From: Bob Sender <bob@example.org>\r\n'
        f'To: Alice <alice@example.com>\r\n'
        f'Subject: imaplib plain {tag}\r\n'
        f'Date: Tue, 03 Nov 2026 10:15:00 +0100\r\n'
        f'Message-ID: <plain.{tag}@example.org>\r\n'
        f'MIME-Version: 1.0\r\n'
        f'Content-Type: text/plain; charset=utf-8\r\n'
        f'Content-Transfer-Encoding: 8bit\r\n'
        f'\r\n'
        f'Grüße aus Köln.\r\n'
        f'.a line that starts with a dot, which LMTP must un-stuff\r\n'
        f'..and one with two\r\n'
        f'\r\n'
        f'-- \r\nBob\r\n'
    ).encode('utf-8')


class Multipart:
    """A multipart/mixed message with a text part and a base64 attachment of random bytes."""

    def __init__(self, tag):
        rng = random.Random(tag)
        self.attachment = bytes(rng.getrandbits(8) for _ in range(5000))
        b64 = base64.b64encode(self.attachment).decode('ascii')
        self.part2_body = '\r\n'.join(b64[i:i + 76] for i in range(0, len(b64), 76)).encode('ascii')
        self.part1_body = 'Das Bild ist angehängt.\r\nZweite Zeile.'.encode('utf-8')
        self.part2_mime = (
            b'Content-Type: application/octet-stream; name="photo.bin"\r\n'
            b'Content-Transfer-Encoding: base64\r\n'
            b'Content-Disposition: attachment; filename="photo.bin"\r\n\r\n')
        self.subject_raw = '=?UTF-8?Q?Gr=C3=BC=C3=9Fe_=E2=80=93_' + tag + '?='
        self.subject = 'Grüße – ' + tag
        boundary = f'=_slotmail_{tag}'
        self.bytes = (
            f'From: =?UTF-8?Q?J=C3=BCrgen?= <juergen@example.net>\r\n'
            f'To: alice@example.com\r\n'
            f'Cc: Carol <carol@example.com>\r\n'
            f'Subject: {self.subject_raw}\r\n'
            f'Date: Wed, 04 Nov 2026 08:00:00 +0000\r\n'
            f'Message-ID: <multi.{tag}@example.net>\r\n'
            f'MIME-Version: 1.0\r\n'
            f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n'
            f'\r\n'
            f'This is a multi-part message in MIME format.\r\n'
            f'--{boundary}\r\n'
            f'Content-Type: text/plain; charset=utf-8\r\n'
            f'Content-Transfer-Encoding: 8bit\r\n'
            f'\r\n').encode('utf-8') + self.part1_body + (
            f'\r\n--{boundary}\r\n').encode('ascii') + self.part2_mime + self.part2_body + (
            f'\r\n--{boundary}--\r\n').encode('ascii')


def deliver(args, recipient, message):
    """Delivers over LMTP; returns once the server has acknowledged it with 250 (RFC 2033 §4.2)."""
    with smtplib.LMTP(args.host, args.lmtp_port, timeout=30) as lmtp:
        refused = lmtp.sendmail('sender@example.org', [recipient], message, mail_options=['BODY=8BITMIME'])
        expect(not refused, f'LMTP refused {recipient}: {refused}')


def trace_prefix_ok(fetched, delivered):
    """RFC 5321 §4.4: a delivery may only add trace fields (Return-Path, Received) in front."""
    if not fetched.endswith(delivered):
        return False
    prefix = fetched[:len(fetched) - len(delivered)]
    fields = re.split(rb'\r\n(?![ \t])', prefix)
    return all(f == b'' or re.match(rb'(?i)(Return-Path|Received|Delivered-To|X-Original-To):', f) for f in fields)


# ---------------------------------------------------------------------------------------------
# The checks, in the order they run. Each gets the shared state dict and adds what later ones use.


class Checks:
    def __init__(self, args):
        self.args = args
        self.tag = uuid.uuid4().hex[:10]
        self.state = {}

    def connect(self):
        imap = imaplib.IMAP4(self.args.host, self.args.port, timeout=10)
        typ, data = imap.login(self.args.user, self.args.password)
        expect(typ == 'OK', f'LOGIN answered {typ} {data}')
        return imap

    def status(self, imap, mailbox, item):
        typ, data = imap.status(mailbox, f'({item})')
        expect(typ == 'OK', f'STATUS {mailbox} ({item}) answered {typ} {data}')
        m = re.search(item.encode() + rb' (\d+)', data[0])
        expect(m, f'STATUS {mailbox} ({item}) answered {data}')
        return int(m.group(1))

    def select(self, imap, mailbox='INBOX'):
        typ, data = imap.select(mailbox)
        expect(typ == 'OK', f'SELECT {mailbox} answered {typ} {data}')
        return int(data[0])

    # -- delivery and content -----------------------------------------------------------------

    def plain_message_bytes_round_trip(self):
        imap = self.connect()
        uid_next = self.status(imap, 'INBOX', 'UIDNEXT')
        self.plain = plain_message(self.tag)
        deliver(self.args, self.args.user, self.plain)
        self.select(imap)
        got = uid_fetch(imap, f'{uid_next}:*', '(UID BODY.PEEK[] RFC822.SIZE FLAGS ENVELOPE BODYSTRUCTURE)')
        expect(len(got) == 1, f'expected exactly the one new message at UID {uid_next}:*, got UIDs {sorted(got)}')
        (uid, item), = got.items()
        fetched = item['BODY[]']
        expect(trace_prefix_ok(fetched, self.plain),
               'BODY[] is not the delivered bytes (plus only trace fields in front):\n'
               f'delivered {self.plain!r}\nfetched   {fetched!r}')
        expect(int(item['RFC822.SIZE']) == len(fetched), f'RFC822.SIZE {item["RFC822.SIZE"]} but BODY[] has {len(fetched)} octets')
        expect('\\seen' not in flag_set(item['FLAGS']), f'BODY.PEEK[] must not set \\Seen (RFC 3501 §6.4.5), flags {item["FLAGS"]}')
        env = item['ENVELOPE']
        expect(env[1] == f'imaplib plain {self.tag}'.encode(), f'ENVELOPE subject {env[1]!r}')
        expect(env[2] == [[b'Bob Sender', None, b'bob', b'example.org']], f'ENVELOPE from {env[2]!r}')
        expect(env[0] == b'Tue, 03 Nov 2026 10:15:00 +0100', f'ENVELOPE date {env[0]!r}')
        expect(env[5] == [[b'Alice', None, b'alice', b'example.com']], f'ENVELOPE to {env[5]!r}')
        expect(env[9] == f'<plain.{self.tag}@example.org>'.encode(), f'ENVELOPE message-id {env[9]!r}')
        bs = item['BODYSTRUCTURE']
        body = self.plain.split(b'\r\n\r\n', 1)[1]
        expect([bs[0].lower(), bs[1].lower()] == [b'text', b'plain'], f'BODYSTRUCTURE type {bs!r}')
        expect([v.lower() for v in bs[2]] == [b'charset', b'utf-8'], f'BODYSTRUCTURE params {bs[2]!r}')
        expect(bs[5].lower() == b'8bit', f'BODYSTRUCTURE encoding {bs[5]!r}')
        expect(int(bs[6]) == len(body), f'BODYSTRUCTURE size {bs[6]}, body has {len(body)} octets')
        lines = body.count(b'\r\n')
        expect(int(bs[7]) == lines, f'BODYSTRUCTURE lines {bs[7]}, body has {lines}')
        # RFC822 is BODY[] that sets \Seen (RFC 3501 §6.4.5), and the change is reported with it.
        item = fetch_one(imap, uid, '(RFC822)')
        expect(item.get('RFC822') == fetched, f'RFC822 differs from BODY[]: {item.get("RFC822")!r}')
        expect('\\seen' in flag_set(fetch_one(imap, uid, '(FLAGS)')['FLAGS']), 'RFC822 did not set \\Seen')
        self.plain_uid = uid
        self.plain_fetched = fetched
        imap.logout()
        return f'UID {uid}, {len(fetched)} octets'

    def multipart_structure_and_parts(self):
        imap = self.connect()
        self.multi = Multipart(self.tag)
        deliver(self.args, self.args.user, self.multi.bytes)
        self.select(imap)
        got = uid_fetch(imap, f'{self.plain_uid + 1}:*', '(UID BODY.PEEK[] ENVELOPE BODYSTRUCTURE)')
        expect(len(got) == 1, f'expected one new message after UID {self.plain_uid}, got {sorted(got)}')
        (uid, item), = got.items()
        m = self.multi
        expect(trace_prefix_ok(item['BODY[]'], m.bytes), f'multipart BODY[] differs from the delivered bytes:\n{item["BODY[]"]!r}')
        env = item['ENVELOPE']
        # ENVELOPE carries header values undecoded (RFC 3501 §7.4.2); a client decodes RFC 2047.
        expect(env[1] == m.subject_raw.encode(), f'ENVELOPE subject {env[1]!r}, expected {m.subject_raw!r}')
        decoded = str(email.header.make_header(email.header.decode_header(env[1].decode())))
        expect(decoded == m.subject, f'subject decodes to {decoded!r}')
        expect(env[2] == [[b'=?UTF-8?Q?J=C3=BCrgen?=', None, b'juergen', b'example.net']], f'ENVELOPE from {env[2]!r}')
        expect(env[6] == [[b'Carol', None, b'carol', b'example.com']], f'ENVELOPE cc {env[6]!r}')
        bs = item['BODYSTRUCTURE']
        expect(isinstance(bs[0], list) and isinstance(bs[1], list), f'BODYSTRUCTURE is not multipart with two parts: {bs!r}')
        expect(bs[2].lower() == b'mixed', f'multipart subtype {bs[2]!r}')
        expect(isinstance(bs[3], list) and [v.lower() for v in bs[3][:1]] == [b'boundary'] and bs[3][1] == f'=_slotmail_{self.tag}'.encode(),
               f'multipart extension parameters {bs[3]!r} (BODYSTRUCTURE includes extension data, RFC 3501 §7.4.2)')
        p1, p2 = bs[0], bs[1]
        expect([p1[0].lower(), p1[1].lower()] == [b'text', b'plain'], f'part 1 type {p1!r}')
        expect(int(p1[6]) == len(m.part1_body), f'part 1 size {p1[6]}, expected {len(m.part1_body)}')
        # Lines are counted by their CRLFs, as Cyrus and Dovecot do: the CRLF before a boundary
        # belongs to the boundary (RFC 2046 §5.1.1), so the last line of a part does not count.
        expect(int(p1[7]) == m.part1_body.count(b'\r\n'), f'part 1 lines {p1[7]}')
        expect([p2[0].lower(), p2[1].lower()] == [b'application', b'octet-stream'], f'part 2 type {p2!r}')
        expect([v.lower() for v in p2[2]] == [b'name', b'photo.bin'], f'part 2 params {p2[2]!r}')
        expect(p2[5].lower() == b'base64', f'part 2 encoding {p2[5]!r}')
        expect(int(p2[6]) == len(m.part2_body), f'part 2 size {p2[6]}, expected {len(m.part2_body)}')
        expect(isinstance(p2[8], list) and p2[8][0].lower() == b'attachment'
               and [v.lower() for v in p2[8][1]] == [b'filename', b'photo.bin'], f'part 2 disposition {p2[8]!r}')
        self.multi_uid = uid
        self.multi_fetched = item['BODY[]']
        imap.logout()
        return f'UID {uid}, {len(item["BODY[]"])} octets'

    def multipart_parts_fetched(self):
        imap = self.connect()
        self.select(imap, self.box)  # where the MOVE check put it
        m, uid = self.multi, self.moved_uid
        parts = fetch_one(imap, uid, '(BODY.PEEK[1] BODY.PEEK[2] BODY.PEEK[2.MIME] BINARY.PEEK[2] BINARY.SIZE[2])')
        expect(parts.get('BODY[1]') == m.part1_body, f'BODY[1] {parts.get("BODY[1]")!r}')
        expect(parts.get('BODY[2]') == m.part2_body, f'BODY[2] differs from the base64 text sent')
        expect(parts.get('BODY[2.MIME]') == m.part2_mime, f'BODY[2.MIME] {parts.get("BODY[2.MIME]")!r}')
        expect(parts.get('BINARY[2]') == m.attachment, 'BINARY[2] is not the decoded attachment (RFC 3516)')
        expect(int(parts.get('BINARY.SIZE[2]', -1)) == len(m.attachment), f'BINARY.SIZE[2] {parts.get("BINARY.SIZE[2]")}')
        imap.logout()
        return f'UID {uid}, attachment {len(m.attachment)} octets'

    # -- flags across sessions ------------------------------------------------------------------

    def flags_seen_by_other_session(self):
        a, b = self.connect(), self.connect()
        self.select(a)
        self.select(b)
        uid = self.plain_uid
        typ, data = a.uid('STORE', str(uid), '+FLAGS', '(\\Flagged \\Answered $Forwarded)')
        expect(typ == 'OK', f'UID STORE answered {typ} {data}')
        # B learns of A's change at its next command (RFC 3501 §7: unsolicited FETCH FLAGS).
        b.untagged_responses.pop('FETCH', None)
        typ, _ = b.noop()
        expect(typ == 'OK', 'NOOP failed')
        told = [fetch_items(r)[1] for r in joined_responses(b.untagged_responses.get('FETCH', []))]
        expect(any('\\flagged' in flag_set(t.get('FLAGS', [])) and int(t.get('UID', uid)) == uid for t in told),
               f'session B was not told of the flag change at NOOP; untagged FETCH: {told!r}')
        flags = flag_set(fetch_one(b, uid, '(FLAGS)')['FLAGS'])
        expect({'\\flagged', '\\answered', '$forwarded', '\\seen'} <= flags, f'session B sees flags {flags}')
        typ, data = b.uid('STORE', str(uid), '-FLAGS.SILENT', '(\\Answered)')
        expect(typ == 'OK', f'UID STORE -FLAGS.SILENT answered {typ} {data}')
        flags = flag_set(fetch_one(a, uid, '(FLAGS)')['FLAGS'])
        expect('\\answered' not in flags and '\\flagged' in flags, f'session A sees flags {flags} after B removed \\Answered')
        typ, data = a.uid('SEARCH', 'FLAGGED')
        expect(typ == 'OK' and uid in [int(x) for x in data[0].split()], f'UID SEARCH FLAGGED gave {data}')
        a.logout()
        b.logout()
        c = self.connect()
        self.select(c)
        flags = flag_set(fetch_one(c, uid, '(FLAGS)')['FLAGS'])
        expect({'\\flagged', '$forwarded', '\\seen'} <= flags, f'a new session sees flags {flags}')
        c.logout()
        return f'UID {uid}: {sorted(flags)}'

    # -- APPEND, COPY, MOVE with UIDPLUS (RFC 4315) ----------------------------------------------

    def append_gives_appenduid(self):
        imap = self.connect()
        self.box = f'imaplib-{self.tag}'
        typ, data = imap.create(self.box)
        expect(typ == 'OK', f'CREATE {self.box} answered {typ} {data}')
        # A client creates the mailbox and retries when told [TRYCREATE] (RFC 3501 §6.3.11).
        typ, data = imap.append(self.box + '-missing', None, None, b'Subject: x\r\n\r\nx\r\n')
        expect(typ == 'NO' and b'[TRYCREATE]' in data[0], f'APPEND to a missing mailbox answered {typ} {data}')
        message = (f'From: me@example.com\r\nTo: you@example.com\r\nSubject: appended {self.tag}\r\n'
                   f'Message-ID: <append.{self.tag}@example.com>\r\n\r\nA draft.\r\n').encode()
        when = time.mktime((2026, 1, 2, 3, 4, 5, 0, 0, -1))
        typ, data = imap.append(self.box, '(\\Seen $Draftish)', imaplib.Time2Internaldate(when), message)
        expect(typ == 'OK', f'APPEND answered {typ} {data}')
        code = response_code(data[0], 'APPENDUID')
        expect(code and len(code) == 2, f'APPEND OK has no [APPENDUID validity uid] (RFC 4315 §3): {data}')
        validity, uid = int(code[0]), int(code[1])
        actual = self.status(imap, self.box, 'UIDVALIDITY')
        expect(actual == validity, f'APPENDUID validity {validity} but STATUS says {actual}')
        self.select(imap, self.box)
        item = fetch_one(imap, uid, '(BODY.PEEK[] FLAGS INTERNALDATE)')
        expect(item['BODY[]'] == message, f'appended bytes differ: {item["BODY[]"]!r}')
        expect({'\\seen', '$draftish'} <= flag_set(item['FLAGS']), f'appended flags {item["FLAGS"]}')
        stored = email.utils.parsedate_to_datetime(item['INTERNALDATE'].decode().replace('-', ' ', 2)).timestamp()
        expect(stored == when, f'INTERNALDATE {item["INTERNALDATE"]!r} is not the APPEND date')
        imap.logout()
        return f'APPENDUID {validity} {uid}'

    def copy_gives_copyuid(self):
        imap = self.connect()
        self.select(imap)
        imap.untagged_responses.pop('COPYUID', None)
        typ, data = imap.uid('COPY', str(self.plain_uid), self.box)
        expect(typ == 'OK', f'UID COPY answered {typ} {data}')
        code = copyuid(imap)
        expect(code and len(code) == 3, f'COPY OK has no [COPYUID validity src dst] (RFC 4315 §3): {data}')
        expect(uid_set(code[1]) == [self.plain_uid], f'COPYUID source set {code[1]}')
        dst = uid_set(code[2])[0]
        actual = self.status(imap, self.box, 'UIDVALIDITY')
        expect(actual == int(code[0]), f'COPYUID validity {code[0]} but STATUS says {actual}')
        self.select(imap, self.box)
        item = fetch_one(imap, dst, '(BODY.PEEK[] FLAGS)')
        expect(item['BODY[]'] == self.plain_fetched, 'the copy has other bytes than the original')
        expect('\\flagged' in flag_set(item['FLAGS']), f'COPY should keep flags (RFC 3501 §6.4.7): {item["FLAGS"]}')
        imap.logout()
        return f'COPYUID {" ".join(code)}'

    def move_gives_copyuid_and_expunges(self):
        imap = self.connect()
        self.select(imap)
        imap.untagged_responses.pop('COPYUID', None)
        imap.untagged_responses.pop('EXPUNGE', None)
        imap.untagged_responses.pop('VANISHED', None)
        typ, data = imap.uid('MOVE', str(self.multi_uid), self.box)
        expect(typ == 'OK', f'UID MOVE answered {typ} {data}')
        # RFC 6851 §4.3: COPYUID comes in an untagged OK before the expunges (or on the tagged OK).
        code = copyuid(imap)
        expect(code and len(code) == 3, f'MOVE sent no COPYUID (RFC 6851 §4.3): {data}, untagged {imap.untagged_responses}')
        expect(uid_set(code[1]) == [self.multi_uid], f'COPYUID source set {code[1]}')
        expect(imap.untagged_responses.get('EXPUNGE') or imap.untagged_responses.get('VANISHED'),
               f'MOVE sent no EXPUNGE for the moved message (RFC 6851 §3.3): {imap.untagged_responses}')
        gone = uid_fetch(imap, str(self.multi_uid), '(FLAGS)')
        expect(self.multi_uid not in gone, f'UID {self.multi_uid} is still in INBOX after MOVE')
        self.select(imap, self.box)
        dst = uid_set(code[2])[0]
        item = fetch_one(imap, dst, '(BODY.PEEK[])')
        expect(item['BODY[]'] == self.multi_fetched, 'the moved message has other bytes')
        self.moved_uid = dst
        imap.logout()
        return f'COPYUID {" ".join(code)}'

    def large_message_round_trip(self):
        # Several MB, past any single buffer: the bytes must come back whole (DESIGN: streamed).
        rng = random.Random(self.tag)
        payload = bytes(rng.getrandbits(8) for _ in range(300_000)) * 10
        b64 = base64.encodebytes(payload).replace(b'\n', b'\r\n')
        message = (f'From: big@example.org\r\nTo: {self.args.user}\r\nSubject: large {self.tag}\r\n'
                   f'MIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\n'
                   f'Content-Transfer-Encoding: base64\r\n\r\n').encode() + b64
        imap = self.connect()
        uid_next = self.status(imap, 'INBOX', 'UIDNEXT')
        deliver(self.args, self.args.user, message)
        self.select(imap)
        got = uid_fetch(imap, f'{uid_next}:*', '(UID BODY.PEEK[] RFC822.SIZE)')
        expect(len(got) == 1, f'expected one new message at UID {uid_next}:*, got {sorted(got)}')
        (uid, item), = got.items()
        expect(trace_prefix_ok(item['BODY[]'], message), f'the {len(message)}-octet message came back as {len(item["BODY[]"])} other octets')
        expect(int(item['RFC822.SIZE']) == len(item['BODY[]']), f'RFC822.SIZE {item["RFC822.SIZE"]}')
        partial = fetch_one(imap, uid, '(BODY.PEEK[]<1000000.5000>)')
        expect(partial.get('BODY[]<1000000>') == item['BODY[]'][1000000:1005000], 'BODY[]<1000000.5000> is not that slice')
        imap.logout()
        return f'UID {uid}, {len(item["BODY[]"])} octets, and a partial fetch from octet 1000000'

    # -- IDLE (RFC 2177), raw: imaplib has no IDLE before Python 3.14 ----------------------------

    def idle_wakes_on_delivery(self):
        imap = self.connect()
        exists = self.select(imap)
        tag = imap._new_tag()
        imap.send(tag + b' IDLE\r\n')
        line = imap.readline()
        expect(line.startswith(b'+'), f'IDLE got {line!r} instead of a continuation')
        deliver(self.args, self.args.user, plain_message(self.tag + '-idle'))
        m, waited = self.idle_until(imap, rb'\* (\d+) EXISTS', 'the LMTP 250')
        expect(int(m.group(1)) == exists + 1, f'EXISTS {m.group(1)} after a delivery to {exists} messages')
        notes = [f'EXISTS {waited * 1000:.0f} ms after the LMTP 250']

        # Another session's flag change and expunge are pushed too (RFC 2177 §3, RFC 3501 §7.4).
        other = self.connect()
        self.select(other)
        typ, data = other.uid('SEARCH', 'ALL')
        newest = int(data[0].split()[-1])
        typ, data = other.uid('STORE', str(newest), '+FLAGS.SILENT', '($PushedByIdle)')
        expect(typ == 'OK', f'STORE in the other session: {typ} {data}')
        m, waited = self.idle_until(imap, rb'\* (\d+) FETCH .*\$PushedByIdle', "the other session's STORE")
        expect(int(m.group(1)) == exists + 1, f'FETCH for message {m.group(1)}, the flag was set on {exists + 1}')
        notes.append(f'FETCH {waited * 1000:.0f} ms after STORE')
        other.uid('STORE', str(newest), '+FLAGS.SILENT', '(\\Deleted)')
        typ, data = other.uid('EXPUNGE', str(newest))
        expect(typ == 'OK', f'UID EXPUNGE in the other session: {typ} {data}')
        m, waited = self.idle_until(imap, rb'\* (\d+) EXPUNGE', "the other session's EXPUNGE")
        expect(int(m.group(1)) == exists + 1, f'EXPUNGE {m.group(1)}, expected {exists + 1}')
        notes.append(f'EXPUNGE {waited * 1000:.0f} ms after UID EXPUNGE')
        other.logout()

        imap.sock.settimeout(30)
        imap.send(b'DONE\r\n')
        while True:
            line = imap.readline()
            expect(line, 'connection closed after DONE')
            if line.startswith(tag + b' '):
                expect(line.startswith(tag + b' OK'), f'IDLE ended with {line!r}')
                break
        imap.logout()
        return ', '.join(notes)

    @staticmethod
    def idle_until(imap, pattern, cause):
        """Reads IDLE output until a line matches; fails unless it comes within the deadline."""
        started = time.monotonic()
        imap.sock.settimeout(IDLE_DEADLINE_SECONDS)
        seen = []
        try:
            while True:
                line = imap.readline()
                expect(line, f'connection closed during IDLE; got {seen!r}')
                seen.append(line)
                m = re.match(pattern, line)
                if m:
                    return m, time.monotonic() - started
        except (socket.timeout, TimeoutError):
            raise CheckFailed(f'nothing matching {pattern!r} within {IDLE_DEADLINE_SECONDS} s of {cause}; got {seen!r}')

    # -- QRESYNC (RFC 7162 §3.2.5) -------------------------------------------------------------

    def qresync_reports_vanished_and_changed_flags(self):
        for n in range(3):
            deliver(self.args, self.args.user, plain_message(f'{self.tag}-q{n}'))
        a = self.connect()
        typ, data = a.enable('QRESYNC')
        expect(typ == 'OK' and b'QRESYNC' in b' '.join(a.untagged_responses.get('ENABLED', [b''])).upper(),
               f'ENABLE QRESYNC: {typ} {data} {a.untagged_responses.get("ENABLED")}')
        self.select(a)
        validity = int(a.untagged_responses['UIDVALIDITY'][-1])
        modseq = int(a.untagged_responses.get('HIGHESTMODSEQ', [b'0'])[-1])
        expect(modseq > 0, 'SELECT after ENABLE QRESYNC has no [HIGHESTMODSEQ] (RFC 7162 §3.1.2.1)')
        typ, data = a.uid('SEARCH', 'ALL')
        uids = [int(x) for x in data[0].split()]
        expect(len(uids) >= 3, f'UID SEARCH ALL {data}')
        changed, expunged, untouched = uids[-3:]
        a.logout()

        b = self.connect()
        self.select(b)
        typ, data = b.uid('STORE', str(changed), '+FLAGS', '(\\Flagged $Resync)')
        expect(typ == 'OK', f'STORE {typ} {data}')
        typ, data = b.uid('STORE', str(expunged), '+FLAGS.SILENT', '(\\Deleted)')
        expect(typ == 'OK', f'STORE \\Deleted {typ} {data}')
        typ, data = b.uid('EXPUNGE', str(expunged))
        expect(typ == 'OK', f'UID EXPUNGE {typ} {data}')
        b.logout()

        a = self.connect()
        a.enable('QRESYNC')
        for key in ('VANISHED', 'FETCH', 'HIGHESTMODSEQ'):
            a.untagged_responses.pop(key, None)
        typ, data = a._simple_command('SELECT', 'INBOX', f'(QRESYNC ({validity} {modseq}))')
        expect(typ == 'OK', f'SELECT INBOX (QRESYNC ({validity} {modseq})) answered {typ} {data}')
        a.state = 'SELECTED'
        vanished = []
        for v in a.untagged_responses.get('VANISHED', []):
            parsed = parse_imap(v)
            expect(len(parsed) == 2 and [t.upper() for t in parsed[0]] == ['EARLIER'],
                   f'VANISHED at SELECT must say (EARLIER) (RFC 7162 §3.2.10): {v!r}')
            vanished += uid_set(parsed[1])
        expect(expunged in vanished, f'no VANISHED (EARLIER) for expunged UID {expunged}; got {vanished}, '
                                     f'untagged {a.untagged_responses!r}')
        expect(changed not in vanished and untouched not in vanished, f'VANISHED names live messages: {vanished}')
        fetched = {}
        for r in joined_responses(a.untagged_responses.get('FETCH', [])):
            _, items = fetch_items(r)
            fetched[int(items.get('UID', 0))] = items
        expect(changed in fetched, f'no FETCH for UID {changed} whose flags changed; got {fetched!r}')
        expect({'\\flagged', '$resync'} <= flag_set(fetched[changed].get('FLAGS', [])), f'FETCH {fetched[changed]!r}')
        expect('MODSEQ' in fetched[changed] and int(fetched[changed]['MODSEQ'][0]) > modseq,
               f'FETCH for a changed message must carry MODSEQ above {modseq} (RFC 7162 §3.2.5): {fetched[changed]!r}')
        expect(0 not in fetched, f'FETCH without UID during QRESYNC SELECT (RFC 7162 §3.2.5.1): {fetched!r}')
        expect(untouched not in fetched, f'FETCH for UID {untouched}, which did not change since {modseq}')
        new_modseq = int(a.untagged_responses.get('HIGHESTMODSEQ', [b'0'])[-1])
        expect(new_modseq > modseq, f'HIGHESTMODSEQ {new_modseq} did not grow past {modseq}')
        a.logout()
        return f'VANISHED (EARLIER) {expunged}, FETCH UID {changed}, HIGHESTMODSEQ {modseq} -> {new_modseq}'


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--host', default=os.environ.get('IMAP_HOST', '127.0.0.1'))
    p.add_argument('--port', type=int, default=int(os.environ.get('IMAP_PORT', '10143')))
    p.add_argument('--user', default=os.environ.get('IMAP_USER'))
    p.add_argument('--password', default=os.environ.get('IMAP_PASSWORD'))
    p.add_argument('--lmtp-port', type=int, default=int(os.environ.get('LMTP_PORT', '10024')))
    p.add_argument('--skip', action='append', default=[], metavar='CHECK', help='leave out a check (for debugging)')
    args = p.parse_args()
    if not args.user or not args.password:
        p.error('--user and --password (or IMAP_USER, IMAP_PASSWORD) are required')
    checks = Checks(args)
    order = [
        checks.plain_message_bytes_round_trip,
        checks.multipart_structure_and_parts,
        checks.large_message_round_trip,
        checks.flags_seen_by_other_session,
        checks.append_gives_appenduid,
        checks.copy_gives_copyuid,
        checks.move_gives_copyuid_and_expunges,
        checks.idle_wakes_on_delivery,
        checks.qresync_reports_vanished_and_changed_flags,
        # Section fetches come last: everything else is checked even while they fail.
        checks.multipart_parts_fetched,
    ]
    skipped = [c for c in order if c.__name__ in args.skip]
    for check in order:
        name = check.__name__
        if check in skipped:
            print(f'skip {name}', flush=True)
            continue
        try:
            note = check()
        except CheckFailed as e:
            print(f'FAIL {name}: {e}', flush=True)
            return 1
        except (imaplib.IMAP4.error, OSError, smtplib.SMTPException) as e:
            print(f'FAIL {name}: {type(e).__name__}: {e}', flush=True)
            return 1
        print(f'ok   {name}: {note}', flush=True)
    print(f'imaplib: {len(order) - len(skipped)} checks passed' + (f', {len(skipped)} skipped' if skipped else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main())
