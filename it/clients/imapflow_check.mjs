#!/usr/bin/env node
// Drives imapflow, the IMAP client library of Node mail apps, against a slotmail IMAP server and
// checks real content: mail delivered over LMTP comes back byte for byte with the right ENVELOPE
// and BODYSTRUCTURE; flags cross sessions; APPEND/COPY/MOVE report UIDPLUS codes; IDLE is woken by
// a delivery; a QRESYNC reopen gets what another session changed and expunged.
//
// Usage: node imapflow_check.mjs --host H --port P --user U --password W --lmtp-port L
// (or IMAP_HOST, IMAP_PORT, IMAP_USER, IMAP_PASSWORD, LMTP_PORT in the environment).
// Exits 1 with "FAIL <check>: <why>" on the first failed check.
import { createRequire } from 'node:module';
import { randomBytes, createHash } from 'node:crypto';
import net from 'node:net';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// imapflow lives in node/ beside this script (installed by install.sh).
const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), 'node', 'package.json'));
const { ImapFlow } = await import(require.resolve('imapflow'));

const IDLE_DEADLINE_MS = 1000;

const { values: opts } = parseArgs({
    options: {
        host: { type: 'string', default: process.env.IMAP_HOST || '127.0.0.1' },
        port: { type: 'string', default: process.env.IMAP_PORT || '10143' },
        user: { type: 'string', default: process.env.IMAP_USER },
        password: { type: 'string', default: process.env.IMAP_PASSWORD },
        'lmtp-port': { type: 'string', default: process.env.LMTP_PORT || '10024' },
        skip: { type: 'string', multiple: true, default: [] }
    }
});
if (!opts.user || !opts.password) {
    console.error('imapflow_check: --user and --password (or IMAP_USER, IMAP_PASSWORD) are required');
    process.exit(2);
}

class CheckFailed extends Error {}

// JSON for failure messages: imapflow's values hold BigInt, Set and Map.
const show = value =>
    JSON.stringify(value, (k, v) => (typeof v === 'bigint' ? String(v) : v instanceof Set ? [...v] : v instanceof Map ? Object.fromEntries(v) : v));

function expect(condition, detail) {
    if (!condition) throw new CheckFailed(detail);
}

// -- imapflow clients, with their last log lines kept for a failure report -----------------------

const recentLog = [];
function logger(name) {
    const keep = level => entry => {
        recentLog.push(`${name} ${level} ${entry.msg ?? ''}${entry.err ? ' ' + entry.err.message : ''}`);
        if (recentLog.length > 30) recentLog.shift();
        for (const listener of logListeners) listener(name, entry);
    };
    return { trace: () => {}, debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error'), fatal: keep('fatal') };
}
const logListeners = new Set();

async function connect(name, extra = {}) {
    const client = new ImapFlow({
        host: opts.host,
        port: Number(opts.port),
        secure: false,
        doSTARTTLS: false,
        auth: { user: opts.user, pass: opts.password },
        logger: logger(name),
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 10_000,
        ...extra
    });
    client.on('error', err => recentLog.push(`${name} error event: ${err.message}`));
    await client.connect();
    return client;
}

// -- LMTP delivery (RFC 2033), so the server's own delivery path writes the mail ---------------------

async function deliver(message) {
    const socket = net.connect({ host: opts.host, port: Number(opts['lmtp-port']) });
    socket.setNoDelay(true);
    let buffered = '';
    const waiting = [];
    const lines = [];
    socket.on('data', chunk => {
        buffered += chunk.toString('latin1');
        let i;
        while ((i = buffered.indexOf('\r\n')) >= 0) {
            lines.push(buffered.slice(0, i));
            buffered = buffered.slice(i + 2);
        }
        while (waiting.length && lines.length) waiting.shift().resolve(lines.shift());
    });
    const failAll = err => { while (waiting.length) waiting.shift().reject(err); };
    socket.on('error', failAll);
    socket.on('close', () => failAll(new Error('LMTP connection closed')));
    const line = () => lines.length ? Promise.resolve(lines.shift()) : new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    const reply = async expected => {
        let l;
        do l = await line(); while (l[3] === '-');
        expect(l.startsWith(expected), `LMTP: expected ${expected}, got ${l}`);
        return l;
    };
    try {
        await reply('220');
        socket.write('LHLO imapflow.example\r\n');
        await reply('250');
        socket.write(`MAIL FROM:<sender@example.org> BODY=8BITMIME\r\n`);
        await reply('250');
        socket.write(`RCPT TO:<${opts.user}>\r\n`);
        await reply('250');
        socket.write('DATA\r\n');
        await reply('354');
        // Dot-stuffing (RFC 5321 §4.5.2): the server removes it again.
        socket.write(Buffer.from(message.toString('latin1').replace(/^\./gm, '..'), 'latin1'));
        socket.write('.\r\n');
        await reply('250');
        socket.write('QUIT\r\n');
    } finally {
        socket.end();
    }
}

// -- the messages, built byte for byte ------------------------------------------------------------

const tag = randomBytes(5).toString('hex');

function plainMessage(suffix) {
    return Buffer.from(
        'From: Bob Sender <bob@example.org>\r\n' +
            'To: Alice <alice@example.com>\r\n' +
            `Subject: imapflow plain ${suffix}\r\n` +
            'Date: Tue, 03 Nov 2026 10:15:00 +0100\r\n' +
            `Message-ID: <plain.${suffix}@example.org>\r\n` +
            'MIME-Version: 1.0\r\n' +
            'Content-Type: text/plain; charset=utf-8\r\n' +
            'Content-Transfer-Encoding: 8bit\r\n' +
            '\r\n' +
            'Grüße aus Köln.\r\n' +
            '.a line that starts with a dot\r\n' +
            '\r\n-- \r\nBob\r\n',
        'utf8'
    );
}

function multipartMessage() {
    // Deterministic attachment bytes: a SHA-256 chain, so a failure can be reproduced.
    const chunks = [];
    let h = Buffer.from(tag);
    for (let i = 0; i < 160; i++) chunks.push((h = createHash('sha256').update(h).digest()));
    const attachment = Buffer.concat(chunks).subarray(0, 5000);
    const b64 = attachment.toString('base64');
    const part2Body = Buffer.from(b64.match(/.{1,76}/g).join('\r\n'), 'ascii');
    const part1Body = Buffer.from('Das Bild ist angehängt.\r\nZweite Zeile.', 'utf8');
    const boundary = `=_imapflow_${tag}`;
    const bytes = Buffer.concat([
        Buffer.from(
            'From: =?UTF-8?Q?J=C3=BCrgen?= <juergen@example.net>\r\n' +
                'To: alice@example.com\r\n' +
                `Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_=E2=80=93_${tag}?=\r\n` +
                'Date: Wed, 04 Nov 2026 08:00:00 +0000\r\n' +
                `Message-ID: <multi.${tag}@example.net>\r\n` +
                'MIME-Version: 1.0\r\n' +
                `Content-Type: multipart/mixed; boundary="${boundary}"\r\n` +
                '\r\n' +
                `--${boundary}\r\n` +
                'Content-Type: text/plain; charset=utf-8\r\n' +
                'Content-Transfer-Encoding: 8bit\r\n' +
                '\r\n',
            'utf8'
        ),
        part1Body,
        Buffer.from(
            `\r\n--${boundary}\r\n` +
                'Content-Type: image/png; name="photo.png"\r\n' +
                'Content-Transfer-Encoding: base64\r\n' +
                'Content-Disposition: attachment; filename="photo.png"\r\n\r\n',
            'ascii'
        ),
        part2Body,
        Buffer.from(`\r\n--${boundary}--\r\n`, 'ascii')
    ]);
    return { bytes, attachment, part1Body, part2Body, subject: `Grüße – ${tag}` };
}

// RFC 5321 §4.4: delivery may add trace fields in front, and nothing else.
function deliveredIntact(fetched, delivered) {
    if (!fetched || fetched.length < delivered.length) return false;
    if (!fetched.subarray(fetched.length - delivered.length).equals(delivered)) return false;
    const prefix = fetched.subarray(0, fetched.length - delivered.length).toString('latin1');
    return prefix.split(/\r\n(?![ \t])/).every(f => f === '' || /^(Return-Path|Received|Delivered-To|X-Original-To):/i.test(f));
}

const streamToBuffer = async stream => {
    const parts = [];
    for await (const chunk of stream) parts.push(chunk);
    return Buffer.concat(parts);
};

async function fetchNew(client, fromUid, query) {
    const got = [];
    for await (const m of client.fetch(`${fromUid}:*`, { uid: true, ...query }, { uid: true })) if (m.uid >= fromUid) got.push(m);
    return got;
}

// -- the checks -------------------------------------------------------------------------------------

const state = {};
const box = `imapflow-${tag}`;

const checks = {
    async plainMessageRoundTrip() {
        const client = await connect('plain');
        const { uidNext } = await client.status('INBOX', { uidNext: true });
        state.plain = plainMessage(tag);
        await deliver(state.plain);
        await client.mailboxOpen('INBOX');
        const got = await fetchNew(client, uidNext, { source: true, envelope: true, bodyStructure: true, flags: true, size: true });
        expect(got.length === 1, `expected one new message from UID ${uidNext}, got ${got.map(m => m.uid)}`);
        const m = got[0];
        expect(deliveredIntact(m.source, state.plain), `source differs from the delivered bytes:\n${m.source}`);
        expect(m.size === m.source.length, `RFC822.SIZE ${m.size} but the source has ${m.source.length} octets`);
        expect(m.envelope.subject === `imapflow plain ${tag}`, `envelope subject ${m.envelope.subject}`);
        expect(m.envelope.from?.[0]?.address === 'bob@example.org' && m.envelope.from[0].name === 'Bob Sender',
            `envelope from ${show(m.envelope.from)}`);
        expect(m.envelope.to?.[0]?.address === 'alice@example.com', `envelope to ${show(m.envelope.to)}`);
        expect(m.envelope.messageId === `<plain.${tag}@example.org>`, `envelope message-id ${m.envelope.messageId}`);
        expect(new Date(m.envelope.date).toISOString() === '2026-11-03T09:15:00.000Z', `envelope date ${m.envelope.date}`);
        const bs = m.bodyStructure;
        const body = state.plain.subarray(state.plain.indexOf('\r\n\r\n') + 4);
        expect(bs.type === 'text/plain' && bs.parameters?.charset?.toLowerCase() === 'utf-8' && bs.encoding === '8bit',
            `bodyStructure ${show(bs)}`);
        expect(bs.size === body.length, `bodyStructure size ${bs.size}, body has ${body.length} octets`);
        expect(!m.flags.has('\\Seen'), `fetching the source with BODY.PEEK set flags ${[...m.flags]}`);
        state.plainUid = m.uid;
        state.plainSource = m.source;
        await client.logout();
        return `UID ${m.uid}, ${m.source.length} octets`;
    },

    async multipartStructure() {
        const client = await connect('multipart');
        state.multi = multipartMessage();
        await deliver(state.multi.bytes);
        await client.mailboxOpen('INBOX');
        const got = await fetchNew(client, state.plainUid + 1, { source: true, envelope: true, bodyStructure: true });
        expect(got.length === 1, `expected one new message after UID ${state.plainUid}, got ${got.map(m => m.uid)}`);
        const m = got[0];
        const multi = state.multi;
        expect(deliveredIntact(m.source, multi.bytes), 'multipart source differs from the delivered bytes');
        // imapflow decodes the RFC 2047 words that ENVELOPE hands over undecoded.
        expect(m.envelope.subject === multi.subject, `envelope subject ${show(m.envelope.subject)}, expected ${multi.subject}`);
        expect(m.envelope.from?.[0]?.name === 'Jürgen' && m.envelope.from[0].address === 'juergen@example.net',
            `envelope from ${show(m.envelope.from)}`);
        const bs = m.bodyStructure;
        expect(bs.type === 'multipart/mixed' && bs.childNodes?.length === 2, `bodyStructure ${show(bs)}`);
        expect(bs.parameters?.boundary === `=_imapflow_${tag}`, `multipart boundary parameter ${show(bs.parameters)}`);
        const [p1, p2] = bs.childNodes;
        expect(p1.part === '1' && p1.type === 'text/plain' && p1.size === multi.part1Body.length, `part 1 ${show(p1)}`);
        expect(p2.part === '2' && p2.type === 'image/png' && p2.encoding === 'base64' && p2.size === multi.part2Body.length,
            `part 2 ${show(p2)} (base64 text is ${multi.part2Body.length} octets)`);
        expect(p2.disposition === 'attachment' && p2.dispositionParameters?.filename === 'photo.png' && p2.parameters?.name === 'photo.png',
            `part 2 disposition ${show(p2)}`);
        state.multiUid = m.uid;
        state.multiSource = m.source;
        await client.logout();
        return `UID ${m.uid}, parts ${bs.childNodes.map(p => p.type).join(', ')}`;
    },

    async flagsCrossSessions() {
        const a = await connect('flags-a');
        const b = await connect('flags-b');
        await a.mailboxOpen('INBOX');
        await b.mailboxOpen('INBOX');
        const told = [];
        b.on('flags', event => told.push(event));
        expect(await a.messageFlagsAdd({ uid: String(state.plainUid) }, ['\\Flagged', '$Forwarded'], { uid: true }),
            'messageFlagsAdd failed');
        await b.noop();
        const { seq } = await b.fetchOne(String(state.plainUid), { uid: true }, { uid: true });
        expect(told.some(e => e.seq === seq && e.flags.has('\\Flagged')),
            `session B was not told of A's flag change at NOOP (RFC 3501 §7.4.2); events ${show(told)}`);
        let flags = (await b.fetchOne(String(state.plainUid), { flags: true }, { uid: true })).flags;
        expect(flags.has('\\Flagged') && flags.has('$Forwarded'), `session B sees ${[...flags]}`);
        await b.messageFlagsRemove({ uid: String(state.plainUid) }, ['$Forwarded'], { uid: true });
        await b.messageFlagsAdd({ uid: String(state.plainUid) }, ['\\Seen'], { uid: true });
        flags = (await a.fetchOne(String(state.plainUid), { flags: true }, { uid: true })).flags;
        expect(flags.has('\\Flagged') && flags.has('\\Seen') && !flags.has('$Forwarded'), `session A sees ${[...flags]} after B's change`);
        const flagged = await a.search({ flagged: true }, { uid: true });
        expect(flagged.includes(state.plainUid), `SEARCH FLAGGED gave ${flagged}`);
        await a.logout();
        await b.logout();
        return `UID ${state.plainUid}: ${[...flags].join(' ')}`;
    },

    async appendReportsUid() {
        const client = await connect('append');
        await client.mailboxCreate(box);
        const message = Buffer.from(
            `From: me@example.com\r\nTo: you@example.com\r\nSubject: appended ${tag}\r\nMessage-ID: <append.${tag}@example.com>\r\n\r\nA draft.\r\n`
        );
        const date = new Date('2026-01-02T03:04:05Z');
        const res = await client.append(box, message, ['\\Seen', '$Draftish'], date);
        expect(res && res.uid && res.uidValidity, `APPEND gave no APPENDUID (RFC 4315 §3): ${show(res)}`);
        const { uidValidity } = await client.status(box, { uidValidity: true });
        expect(uidValidity === res.uidValidity, `APPENDUID validity ${res.uidValidity}, STATUS says ${uidValidity}`);
        await client.mailboxOpen(box);
        const m = await client.fetchOne(String(res.uid), { source: true, flags: true, internalDate: true }, { uid: true });
        expect(m && m.source.equals(message), `appended bytes differ: ${m?.source}`);
        expect(m.flags.has('\\Seen') && m.flags.has('$Draftish'), `appended flags ${[...m.flags]}`);
        expect(new Date(m.internalDate).getTime() === date.getTime(), `INTERNALDATE ${m.internalDate}, appended with ${date.toISOString()}`);
        await client.logout();
        return `APPENDUID ${res.uidValidity} ${res.uid}`;
    },

    async copyReportsUidMap() {
        const client = await connect('copy');
        await client.mailboxOpen('INBOX');
        const res = await client.messageCopy(String(state.plainUid), box, { uid: true });
        const dst = res?.uidMap?.get(state.plainUid);
        expect(dst && res.uidValidity, `COPY gave no COPYUID (RFC 4315 §3): ${show(res)}`);
        const { uidValidity } = await client.status(box, { uidValidity: true });
        expect(uidValidity === res.uidValidity, `COPYUID validity ${res.uidValidity}, STATUS says ${uidValidity}`);
        await client.mailboxOpen(box);
        const m = await client.fetchOne(String(dst), { source: true, flags: true }, { uid: true });
        expect(m && m.source.equals(state.plainSource), 'the copy has other bytes than the original');
        expect(m.flags.has('\\Flagged'), `the copy lost its flags (RFC 3501 §6.4.7): ${[...m.flags]}`);
        await client.logout();
        return `UID ${state.plainUid} -> ${dst}`;
    },

    async moveReportsUidMapAndExpunge() {
        const client = await connect('move');
        await client.mailboxOpen('INBOX');
        const expunged = [];
        client.on('expunge', e => expunged.push(e));
        const res = await client.messageMove(String(state.multiUid), box, { uid: true });
        const dst = res?.uidMap?.get(state.multiUid);
        expect(dst, `MOVE gave no COPYUID (RFC 6851 §4.3): ${show(res)}`);
        expect(expunged.length === 1, `MOVE should expunge exactly the moved message, got ${show(expunged)}`);
        const left = await client.search({ uid: String(state.multiUid) }, { uid: true });
        expect(left.length === 0, `UID ${state.multiUid} still in INBOX after MOVE`);
        await client.mailboxOpen(box);
        const m = await client.fetchOne(String(dst), { source: true }, { uid: true });
        expect(m && m.source.equals(state.multiSource), 'the moved message has other bytes');
        state.movedUid = dst;
        await client.logout();
        return `UID ${state.multiUid} -> ${dst}`;
    },

    async idleWakesOnDelivery() {
        const client = await connect('idle', { disableAutoIdle: true });
        const before = (await client.mailboxOpen('INBOX')).exists;
        let resolveIdling;
        const idling = new Promise(resolve => (resolveIdling = resolve));
        const onLog = (name, entry) => name === 'idle' && /Initiated IDLE/.test(entry.msg ?? '') && resolveIdling();
        logListeners.add(onLog);
        let resolveExists;
        const exists = new Promise(resolve => (resolveExists = resolve));
        client.on('exists', resolveExists);
        const idle = client.idle();
        await Promise.race([idling, new Promise((_, reject) => setTimeout(() => reject(new CheckFailed('IDLE was not acknowledged with + in 5 s')), 5000))]);
        logListeners.delete(onLog);
        await deliver(plainMessage(`${tag}-idle`));
        const acked = performance.now();
        const event = await Promise.race([exists, new Promise(resolve => setTimeout(() => resolve(null), IDLE_DEADLINE_MS))]);
        expect(event, `no 'exists' event within ${IDLE_DEADLINE_MS} ms of the LMTP 250`);
        const waited = performance.now() - acked;
        expect(event.count === before + 1 && event.prevCount === before, `exists event ${show(event)}`);
        await client.logout();
        await idle.catch(() => {});
        return `'exists' ${waited.toFixed(0)} ms after the LMTP 250 (${event.prevCount} -> ${event.count})`;
    },

    async qresyncReopenGetsChanges() {
        for (let n = 0; n < 3; n++) await deliver(plainMessage(`${tag}-q${n}`));
        const a = await connect('qresync-a', { qresync: true });
        expect(a.enabled.has('QRESYNC'), `ENABLE QRESYNC did not take: enabled ${[...a.enabled]}`);
        const before = await a.mailboxOpen('INBOX');
        expect(before.highestModseq, 'SELECT gave no HIGHESTMODSEQ (RFC 7162 §3.1.2.1)');
        const uids = await a.search({ all: true }, { uid: true });
        const [changed, expunged, untouched] = uids.slice(-3);
        await a.logout();

        const b = await connect('qresync-b');
        await b.mailboxOpen('INBOX');
        await b.messageFlagsAdd({ uid: String(changed) }, ['\\Flagged', '$Resync'], { uid: true });
        expect(await b.messageDelete({ uid: String(expunged) }, { uid: true }), 'messageDelete failed');
        await b.logout();

        const a2 = await connect('qresync-a2', { qresync: true });
        const vanished = [];
        const flagged = [];
        a2.on('expunge', e => vanished.push(e));
        a2.on('flags', e => flagged.push(e));
        const after = await a2.mailboxOpen('INBOX', { uidValidity: before.uidValidity, changedSince: before.highestModseq });
        expect(after.qresync, `the reopen did not run as QRESYNC: ${show(after)}`);
        expect(vanished.some(e => e.uid === expunged && e.vanished && e.earlier),
            `no VANISHED (EARLIER) for expunged UID ${expunged}: ${show(vanished)}`);
        expect(!vanished.some(e => e.uid === changed || e.uid === untouched), `VANISHED names live messages: ${show(vanished)}`);
        const f = flagged.find(e => e.uid === changed);
        expect(f && f.flags.has('\\Flagged') && f.flags.has('$Resync'),
            `no FETCH FLAGS for changed UID ${changed}: ${show(flagged)}`);
        expect(f.modseq > before.highestModseq, `FETCH MODSEQ ${f.modseq} is not above ${before.highestModseq}`);
        expect(!flagged.some(e => e.uid === untouched), `FETCH for UID ${untouched}, unchanged since ${before.highestModseq}`);
        expect(after.highestModseq > before.highestModseq, `HIGHESTMODSEQ ${after.highestModseq} did not grow past ${before.highestModseq}`);
        await a2.logout();
        return `VANISHED (EARLIER) ${expunged}, FLAGS for ${changed}, HIGHESTMODSEQ ${before.highestModseq} -> ${after.highestModseq}`;
    },

    // Section fetches come last: everything else is checked even while they fail.
    async bodyPartsAndAttachmentDownload() {
        const client = await connect('parts');
        await client.mailboxOpen(box);
        const uid = String(state.movedUid);
        const m = await client.fetchOne(uid, { bodyParts: ['1', '2'] }, { uid: true });
        expect(m?.bodyParts?.get('1')?.equals(state.multi.part1Body), `BODY[1] ${m?.bodyParts?.get('1')}`);
        expect(m.bodyParts.get('2')?.equals(state.multi.part2Body), 'BODY[2] is not the base64 text that was sent');
        const { meta, content } = await client.download(uid, '2', { uid: true });
        const attachment = await streamToBuffer(content);
        expect(attachment.equals(state.multi.attachment), `downloaded attachment (${attachment.length} octets) differs from the one sent`);
        expect(meta.filename === 'photo.png' && meta.contentType === 'image/png', `download meta ${show(meta)}`);
        await client.logout();
        return `attachment ${attachment.length} octets, ${meta.contentType}`;
    }
};

let passed = 0;
let skipped = 0;
for (const [name, check] of Object.entries(checks)) {
    if (opts.skip.includes(name)) {
        console.log(`skip ${name}`);
        skipped++;
        continue;
    }
    try {
        const note = await check();
        console.log(`ok   ${name}: ${note}`);
        passed++;
    } catch (err) {
        const why = err instanceof CheckFailed ? err.message : `${err.name}: ${err.message}${err.responseText ? ` (server said: ${err.responseText})` : ''}`;
        console.log(`FAIL ${name}: ${why}`);
        console.log(`imapflow's last log lines:\n  ${recentLog.join('\n  ')}`);
        process.exit(1);
    }
}
console.log(`imapflow: ${passed} checks passed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(0);
