package org.slotmail.mail.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads UTF-8, and reads each octet that is not part of valid UTF-8 as ISO-8859-1 instead of
 * replacing it. Mail labelled us-ascii (or not labelled) very often holds UTF-8 or Latin-1, and a
 * search for "café" should find either.
 */
final class LenientUtf8Reader extends Reader {
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private boolean eof;

    LenientUtf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) return 0;
        CharBuffer out = CharBuffer.wrap(buf, off, len);
        while (out.position() == off) {
            CoderResult result = decoder.decode(bytes, out, eof);
            if (result.isError()) {
                for (int i = 0; i < result.length() && out.hasRemaining(); i++) out.put((char) (bytes.get() & 0xff));
            } else if (result.isOverflow()) {
                break;
            } else if (!eof) {
                fill();
            } else if (bytes.hasRemaining()) {
                out.put((char) (bytes.get() & 0xff));
            } else {
                break;
            }
        }
        int produced = out.position() - off;
        return produced == 0 ? -1 : produced;
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
