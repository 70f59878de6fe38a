package org.slotmail.mail.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * The text a SEARCH BODY looks through, as one stream of characters: every text/* part of the
 * message in order (inside multiparts and encapsulated messages too), its transfer encoding and
 * charset decoded ({@link TextDecoding}), parts separated by a line break. Also what a full-text
 * index would take in. Streams: nothing but the current read buffer is held.
 */
public final class BodyText extends Reader {
    private final MessageWalk walk;
    private Reader current;
    private boolean separate;
    private boolean done;

    private BodyText(InputStream message) {
        this.walk = new MessageWalk(message);
    }

    /** A reader of the body text of the message read from {@code message}; closing it closes {@code message}. */
    public static Reader open(InputStream message) {
        return new BodyText(message);
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (!done) {
            if (current == null) {
                MessageWalk.Event event = walk.next();
                if (event == null) {
                    done = true;
                    break;
                }
                if (!(event instanceof MessageWalk.TextPart part)) continue;
                current = TextDecoding.reader(part.content(), part.charset());
                if (separate) {
                    buf[off] = '\n';
                    return 1;
                }
            }
            int n = current.read(buf, off, len);
            if (n > 0) {
                separate = true;
                return n;
            }
            current = null;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        done = true;
        walk.close();
    }
}
