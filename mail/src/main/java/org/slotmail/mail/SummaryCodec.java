package org.slotmail.mail;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cached binary form of a {@link MessageSummary}. Version 1 layout, every value in order:
 *
 * <pre>
 * summary     = version:u8(1) envelope? body? headerSize:zvarlong
 * envelope?   = u8(0) | u8(1) str? str? addrs? addrs? addrs? addrs? addrs? addrs? str? str?
 * body?       = u8(0) | u8(1) single | u8(2) multipart
 * single      = str? str? params? str? str? str? size:zvarlong lines:zvarlong str? disposition?
 *               strs? str? envelope? body?
 * multipart   = count+1:varint body* str? params? disposition? strs? str?   (count+1 = 0: null)
 * disposition?= u8(0) | u8(1) str? params?
 * addrs?      = count+1:varint (str? str? str? str?)*
 * strs?       = count+1:varint str*        params? = count+1:varint (str str)*
 * str?        = length+1:varint bytes      (length 0 encodes null; chars one by one as in
 *                                           modified UTF-8, so any String, even with lone
 *                                           surrogates, comes back identical)
 * </pre>
 *
 * Decoding checks every length against the bytes left before allocating, bounds the nesting, and
 * requires the input to end exactly where the summary does: damaged input is an {@link
 * IllegalArgumentException}, never an allocation the size of a garbage number.
 */
final class SummaryCodec {
    static final int VERSION = 1;

    /** Deepest body nesting accepted; parsing produces at most about {@link MessageParser#MAX_DEPTH}. */
    static final int MAX_NESTING = 1000;

    private SummaryCodec() {}

    static byte[] encode(MessageSummary summary) {
        Out out = new Out();
        out.u8(VERSION);
        out.envelope(summary.envelope());
        out.body(summary.body(), 0);
        out.zlong(summary.headerSize());
        return out.bytes.toByteArray();
    }

    static MessageSummary decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) throw new IllegalArgumentException("empty summary");
        In in = new In(bytes);
        int version = in.u8();
        if (version != VERSION) throw new IllegalArgumentException("unknown summary version " + version);
        MessageSummary summary = new MessageSummary(in.envelope(), in.body(0), in.zlong());
        if (in.pos != bytes.length) {
            throw new IllegalArgumentException("summary has " + (bytes.length - in.pos) + " trailing bytes");
        }
        return summary;
    }

    private static final class Out {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);

        void u8(int v) {
            bytes.write(v);
        }

        void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                bytes.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            bytes.write((int) v);
        }

        void zlong(long v) {
            varint((v << 1) ^ (v >> 63));
        }

        void count(Collection<?> c) {
            varint(c == null ? 0 : (long) c.size() + 1);
        }

        void str(String s) {
            if (s == null) {
                varint(0);
                return;
            }
            ByteArrayOutputStream utf = new ByteArrayOutputStream(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    utf.write(c);
                } else if (c < 0x800) {
                    utf.write(0xC0 | (c >> 6));
                    utf.write(0x80 | (c & 0x3F));
                } else {
                    utf.write(0xE0 | (c >> 12));
                    utf.write(0x80 | ((c >> 6) & 0x3F));
                    utf.write(0x80 | (c & 0x3F));
                }
            }
            varint((long) utf.size() + 1);
            bytes.writeBytes(utf.toByteArray());
        }

        void strs(List<String> list) {
            count(list);
            if (list != null) list.forEach(this::str);
        }

        void params(Map<String, String> map) {
            varint(map == null ? 0 : (long) map.size() + 1);
            if (map != null) {
                map.forEach((k, v) -> {
                    str(k);
                    str(v);
                });
            }
        }

        void addresses(List<Address> list) {
            count(list);
            if (list == null) return;
            for (Address a : list) {
                str(a.name());
                str(a.adl());
                str(a.mailbox());
                str(a.host());
            }
        }

        void envelope(Envelope e) {
            if (e == null) {
                u8(0);
                return;
            }
            u8(1);
            str(e.date());
            str(e.subject());
            addresses(e.from());
            addresses(e.sender());
            addresses(e.replyTo());
            addresses(e.to());
            addresses(e.cc());
            addresses(e.bcc());
            str(e.inReplyTo());
            str(e.messageId());
        }

        void disposition(BodyStructure.Disposition d) {
            if (d == null) {
                u8(0);
                return;
            }
            u8(1);
            str(d.type());
            params(d.params());
        }

        void body(BodyStructure body, int depth) {
            if (depth > MAX_NESTING) throw new IllegalArgumentException("body structure nested too deep");
            switch (body) {
                case null -> u8(0);
                case BodyStructure.Single s -> {
                    u8(1);
                    str(s.type());
                    str(s.subtype());
                    params(s.params());
                    str(s.id());
                    str(s.description());
                    str(s.encoding());
                    zlong(s.size());
                    zlong(s.lines());
                    str(s.md5());
                    disposition(s.disposition());
                    strs(s.language());
                    str(s.location());
                    envelope(s.envelope());
                    body(s.message(), depth + 1);
                }
                case BodyStructure.Multipart m -> {
                    u8(2);
                    count(m.parts());
                    if (m.parts() != null) m.parts().forEach(p -> body(p, depth + 1));
                    str(m.subtype());
                    params(m.params());
                    disposition(m.disposition());
                    strs(m.language());
                    str(m.location());
                }
            }
        }
    }

    private static final class In {
        final byte[] b;
        int pos;

        In(byte[] b) {
            this.b = b;
        }

        int u8() {
            if (pos >= b.length) throw new IllegalArgumentException("summary truncated");
            return b[pos++] & 0xFF;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int x = u8();
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) return v;
            }
            throw new IllegalArgumentException("malformed number in summary");
        }

        long zlong() {
            long v = varint();
            return (v >>> 1) ^ -(v & 1);
        }

        /** A count or length (stored plus one, 0 meaning null); -1 for null. */
        int size(int minBytesEach) {
            long n = varint() - 1;
            if (n < -1 || n > (b.length - pos) / minBytesEach) {
                throw new IllegalArgumentException("length " + n + " exceeds the summary");
            }
            return (int) n;
        }

        private boolean ascii(int from, int to) {
            if (to > b.length) return false; // let the slow path report the truncation
            for (int i = from; i < to; i++) if (b[i] < 0) return false;
            return true;
        }

        String str() {
            int len = size(1);
            if (len < 0) return null;
            int end = pos + len;
            if (ascii(pos, end)) {
                // Nearly every header value is ASCII: one copy, no per-char decoding.
                String text = new String(b, pos, len, java.nio.charset.StandardCharsets.ISO_8859_1);
                pos = end;
                return text;
            }
            StringBuilder sb = new StringBuilder(len);
            while (pos < end) {
                int x = b[pos++] & 0xFF;
                if (x < 0x80) {
                    sb.append((char) x);
                } else if ((x & 0xE0) == 0xC0) {
                    int c = ((x & 0x1F) << 6) | continuation(end);
                    if (c < 0x80) throw new IllegalArgumentException("overlong character in summary");
                    sb.append((char) c);
                } else if ((x & 0xF0) == 0xE0) {
                    int c = ((x & 0x0F) << 12) | (continuation(end) << 6) | continuation(end);
                    if (c < 0x800) throw new IllegalArgumentException("overlong character in summary");
                    sb.append((char) c);
                } else {
                    throw new IllegalArgumentException("malformed character in summary");
                }
            }
            return sb.toString();
        }

        private int continuation(int end) {
            if (pos >= end) throw new IllegalArgumentException("truncated character in summary");
            int x = b[pos++] & 0xFF;
            if ((x & 0xC0) != 0x80) throw new IllegalArgumentException("malformed character in summary");
            return x & 0x3F;
        }

        String requiredStr() {
            String s = str();
            if (s == null) throw new IllegalArgumentException("missing string in summary");
            return s;
        }

        List<String> strs() {
            int n = size(1);
            if (n < 0) return null;
            List<String> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) list.add(requiredStr());
            return list;
        }

        Map<String, String> params() {
            int n = size(2);
            if (n < 0) return null;
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String key = requiredStr();
                if (map.put(key, requiredStr()) != null) {
                    throw new IllegalArgumentException("duplicate parameter in summary");
                }
            }
            return map;
        }

        List<Address> addresses() {
            int n = size(4);
            if (n < 0) return null;
            List<Address> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) list.add(new Address(str(), str(), str(), str()));
            return list;
        }

        boolean present() {
            return switch (u8()) {
                case 0 -> false;
                case 1 -> true;
                default -> throw new IllegalArgumentException("bad presence flag in summary");
            };
        }

        Envelope envelope() {
            if (!present()) return null;
            return new Envelope(
                    str(),
                    str(),
                    addresses(),
                    addresses(),
                    addresses(),
                    addresses(),
                    addresses(),
                    addresses(),
                    str(),
                    str());
        }

        BodyStructure.Disposition disposition() {
            if (!present()) return null;
            return new BodyStructure.Disposition(str(), params());
        }

        BodyStructure body(int depth) {
            if (depth > MAX_NESTING) throw new IllegalArgumentException("body structure nested too deep");
            return switch (u8()) {
                case 0 -> null;
                case 1 ->
                    new BodyStructure.Single(
                            str(),
                            str(),
                            params(),
                            str(),
                            str(),
                            str(),
                            zlong(),
                            zlong(),
                            str(),
                            disposition(),
                            strs(),
                            str(),
                            envelope(),
                            body(depth + 1));
                case 2 -> {
                    int n = size(1);
                    List<BodyStructure> parts = null;
                    if (n >= 0) {
                        parts = new ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            BodyStructure part = body(depth + 1);
                            if (part == null) throw new IllegalArgumentException("null part in summary");
                            parts.add(part);
                        }
                    }
                    yield new BodyStructure.Multipart(parts, str(), params(), disposition(), strs(), str());
                }
                default -> throw new IllegalArgumentException("bad body tag in summary");
            };
        }
    }
}
