#!/usr/bin/env python3
"""Drives Python's own poplib (stdlib only) against a slotmail POP3 server and checks real content.

Mail is delivered over LMTP (smtplib.LMTP), then read back over POP3 with STLS and over POP3S:
STAT, LIST, UIDL, TOP and RETR byte for byte against what was delivered; UIDL values the same in
every session and over both ports; DELE then QUIT removes exactly those messages, RSET undoes a
DELE; a message expunged over IMAP (imaplib) during a POP3 session stays listed and RETR of it
fails cleanly with -ERR [SYS/PERM] while the session goes on.

Usage: poplib_check.py --host H --port P --pop3s-port S --cafile PEM --user U --password W
                       --lmtp-port L --imap-port I
Exits 1 with "FAIL <check>: <why>" on the first failed check, 0 after "all N checks passed".
"""

import argparse
import base64
import imaplib
import poplib
import random
import smtplib
import ssl
import sys
import uuid


class CheckFailed(Exception):
    """A server answer that is not what the RFCs ask for."""


def expect(condition, detail):
    if not condition:
        raise CheckFailed(detail)


def messages(tag, user):
    """Delivered test messages by name: dotted lines, a multipart with base64, a large one."""
    dotted = (f'From: Bob <bob@example.org>\r\nTo: {user}\r\nSubject: dotted {tag}\r\n'
              f'Message-ID: <dotted.{tag}@example.org>\r\n\r\n'
              '.a line that starts with a dot\r\n..two dots\r\nlast line\r\n').encode()
    rng = random.Random(tag)
    b64 = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(5000))).decode()
    body = '\r\n'.join(b64[i:i + 76] for i in range(0, len(b64), 76))
    multipart = (f'From: Carol <carol@example.net>\r\nTo: {user}\r\nSubject: multipart {tag}\r\n'
                 f'Message-ID: <multi.{tag}@example.net>\r\nMIME-Version: 1.0\r\n'
                 f'Content-Type: multipart/mixed; boundary="b{tag}"\r\n\r\n--b{tag}\r\n'
                 f'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'
                 'Grüße.\r\n\r\n'
                 f'--b{tag}\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n'
                 f'{body}\r\n--b{tag}--\r\n').encode()
    lines = [('.' if rng.random() < 0.2 else '') + 'y' * rng.randrange(0, 100) for _ in range(20000)]
    large = (f'From: Dan <dan@example.com>\r\nTo: {user}\r\nSubject: large {tag}\r\n'
             f'Message-ID: <large.{tag}@example.com>\r\n\r\n' + '\r\n'.join(lines) + '\r\n').encode()
    return {'dotted': dotted, 'multipart': multipart, 'large': large}


class Checks:
    def __init__(self, args):
        self.args = args
        self.tag = uuid.uuid4().hex[:12]
        self.sent = messages(self.tag, args.user)
        self.context = ssl.create_default_context(cafile=args.cafile)
        self.uidls = None

    # -- connections -------------------------------------------------------------------------

    def plain_with_stls(self):
        pop = poplib.POP3(self.args.host, self.args.port, timeout=30)
        caps = pop.capa()
        expect('STLS' in caps, f'CAPA before STLS lacks STLS: {caps}')
        pop.stls(self.context)
        caps = pop.capa()
        expect('STLS' not in caps, f'CAPA after STLS still offers STLS: {caps}')
        expect('USER' in caps and 'UIDL' in caps and 'TOP' in caps, f'CAPA after STLS: {caps}')
        pop.user(self.args.user)
        pop.pass_(self.args.password)
        return pop

    def implicit_tls(self):
        pop = poplib.POP3_SSL(self.args.host, self.args.pop3s_port, context=self.context, timeout=30)
        pop.user(self.args.user)
        pop.pass_(self.args.password)
        return pop

    # -- helpers -----------------------------------------------------------------------------

    def numbered(self, pop):
        """{name: message number} for this run's messages, found by their Message-ID via TOP n 0."""
        found = {}
        for entry in pop.list()[1]:
            number = int(entry.split()[0])
            header = b'\r\n'.join(pop.top(number, 0)[1])
            for name in self.sent:
                ident = {'dotted': b'<dotted.', 'multipart': b'<multi.', 'large': b'<large.'}[name]
                if ident + self.tag.encode() in header:
                    found[name] = number
        expect(set(found) == set(self.sent), f'found {sorted(found)} of {sorted(self.sent)} in LIST')
        return found

    @staticmethod
    def sizes(pop):
        return {int(n): int(s) for n, s in (e.split() for e in pop.list()[1])}

    @staticmethod
    def uidl(pop):
        return {int(n): u.decode() for n, u in (e.split() for e in pop.uidl()[1])}

    @staticmethod
    def stored(lines):
        """RETR's lines (poplib already removed the byte-stuffing) as the stored bytes."""
        return b''.join(line + b'\r\n' for line in lines)

    # -- checks ------------------------------------------------------------------------------

    def delivered_over_lmtp(self):
        with smtplib.LMTP(self.args.host, self.args.lmtp_port, timeout=30) as lmtp:
            for name, raw in self.sent.items():
                refused = lmtp.sendmail('sender@example.org', [self.args.user], raw, mail_options=['BODY=8BITMIME'])
                expect(not refused, f'LMTP refused {name}: {refused}')
        return f'{len(self.sent)} messages delivered'

    def stls_stat_list_retr_byte_exact(self):
        pop = self.plain_with_stls()
        count, octets = pop.stat()
        sizes = self.sizes(pop)
        expect(count == len(sizes) and octets == sum(sizes.values()), f'STAT {count} {octets} vs LIST {sizes}')
        for name, number in self.numbered(pop).items():
            resp, lines, _ = pop.retr(number)
            got = self.stored(lines)
            # The server puts Return-Path and Received in front (RFC 5321 §4.4); the rest is exact.
            expect(got.endswith(self.sent[name]), f'RETR of {name} is not the delivered bytes: {got[-300:]!r}')
            expect(len(got) == sizes[number], f'{name}: LIST says {sizes[number]}, RETR gave {len(got)}')
            expect(resp.startswith(b'+OK'), f'RETR answered {resp!r}')
        pop.quit()
        return f'STAT {count} {octets}; every RETR byte-exact and as long as LIST says'

    def top_gives_header_and_lines(self):
        pop = self.plain_with_stls()
        number = self.numbered(pop)['dotted']
        full = self.stored(pop.retr(number)[1])
        header, _, body = full.partition(b'\r\n\r\n')
        top0 = self.stored(pop.top(number, 0)[1])
        expect(top0 == header + b'\r\n\r\n', f'TOP n 0 is not the header and blank line: {top0!r}')
        top2 = self.stored(pop.top(number, 2)[1])
        expect(top2 == header + b'\r\n\r\n' + b'.a line that starts with a dot\r\n..two dots\r\n', f'TOP n 2: {top2!r}')
        pop.quit()
        return 'TOP 0 and TOP 2 exact, dotted lines un-stuffed'

    def uidl_same_in_every_session_and_port(self):
        a = self.plain_with_stls()
        first = self.uidl(a)
        a.quit()
        b = self.implicit_tls()
        second = self.uidl(b)
        numbered = self.numbered(b)
        b.quit()
        expect(first == second, f'UIDL differs between sessions: {first} vs {second}')
        for uid in first.values():
            expect(1 <= len(uid) <= 70 and all(0x21 <= ord(c) <= 0x7e for c in uid), f'bad unique id {uid!r}')
        expect(len(set(first.values())) == len(first), f'unique ids repeat: {first}')
        self.uidls = {name: first[n] for name, n in numbered.items()}
        return f'{len(first)} unique ids, same over STLS and POP3S'

    def pop3s_retr_byte_exact(self):
        pop = self.implicit_tls()
        for name, number in self.numbered(pop).items():
            got = self.stored(pop.retr(number)[1])
            expect(got.endswith(self.sent[name]), f'POP3S RETR of {name} differs')
        pop.quit()
        return 'POP3S RETR byte-exact'

    def rset_undoes_dele(self):
        pop = self.implicit_tls()
        number = self.numbered(pop)['large']
        pop.dele(number)
        count_after_dele = pop.stat()[0]
        pop.rset()
        expect(pop.stat()[0] == count_after_dele + 1, 'RSET did not bring the message back')
        pop.quit()
        pop = self.implicit_tls()
        expect(self.uidls['large'] in self.uidl(pop).values(), 'message gone after DELE, RSET, QUIT')
        pop.quit()
        return 'DELE, RSET, QUIT removes nothing'

    def expunged_over_imap_during_session(self):
        pop = self.plain_with_stls()
        number = self.numbered(pop)['multipart']
        before = pop.stat()
        imap = imaplib.IMAP4(self.args.host, self.args.imap_port, timeout=30)
        imap.login(self.args.user, self.args.password)
        imap.select('INBOX')
        typ, data = imap.search(None, 'HEADER', 'Message-ID', f'<multi.{self.tag}@example.net>')
        expect(typ == 'OK' and data[0], f'IMAP SEARCH found nothing: {typ} {data}')
        imap.store(data[0].split()[0], '+FLAGS', '\\Deleted')
        imap.expunge()
        imap.logout()
        expect(pop.stat() == before, f'STAT changed after an IMAP expunge: {before} -> {pop.stat()}')
        try:
            pop.retr(number)
            raise CheckFailed('RETR of a message expunged over IMAP succeeded')
        except poplib.error_proto as e:
            expect(str(e).startswith("b'-ERR [SYS/PERM]"), f'RETR of expunged message answered {e}')
        pop.noop()
        pop.quit()
        return 'STAT unchanged, RETR -ERR [SYS/PERM], session went on'

    def dele_quit_removes_exactly_those(self):
        pop = self.implicit_tls()
        numbered = self.numbered_present(pop)
        for name in ('dotted', 'large'):
            pop.dele(numbered[name])
        resp = pop.quit()
        expect(resp.startswith(b'+OK'), f'QUIT answered {resp!r}')
        pop = self.plain_with_stls()
        left = set(self.uidl(pop).values())
        pop.quit()
        for name in ('dotted', 'large'):
            expect(self.uidls[name] not in left, f'{name} still there after DELE and QUIT')
        return 'DELE + QUIT removed both, nothing else'

    def numbered_present(self, pop):
        by_uid = {u: n for n, u in self.uidl(pop).items()}
        return {name: by_uid[u] for name, u in self.uidls.items() if u in by_uid}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--pop3s-port', type=int, required=True)
    parser.add_argument('--cafile', required=True)
    parser.add_argument('--user', required=True)
    parser.add_argument('--password', required=True)
    parser.add_argument('--lmtp-port', type=int, required=True)
    parser.add_argument('--imap-port', type=int, required=True)
    args = parser.parse_args()
    checks = Checks(args)
    order = ['delivered_over_lmtp', 'stls_stat_list_retr_byte_exact', 'top_gives_header_and_lines',
             'uidl_same_in_every_session_and_port', 'pop3s_retr_byte_exact', 'rset_undoes_dele',
             'expunged_over_imap_during_session', 'dele_quit_removes_exactly_those']
    for name in order:
        try:
            print(f'ok   {name}: {getattr(checks, name)()}', flush=True)
        except (CheckFailed, poplib.error_proto, imaplib.IMAP4.error, OSError, ssl.SSLError) as e:
            print(f'FAIL {name}: {e}', flush=True)
            sys.exit(1)
    print(f'poplib: all {len(order)} checks passed')


if __name__ == '__main__':
    main()
