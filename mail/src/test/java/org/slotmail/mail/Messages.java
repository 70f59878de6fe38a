package org.slotmail.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test messages: written with LF in text blocks, stored with CRLF as mail is. */
final class Messages {
    private Messages() {}

    static String crlf(String lf) {
        return lf.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static MessageSummary parse(String raw) {
        return parse(bytes(raw));
    }

    static MessageSummary parse(byte[] raw) {
        try {
            return MessageSummary.parse(new ByteArrayInputStream(raw));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long lfCount(String s) {
        return s.chars().filter(c -> c == '\n').count();
    }

    static long octets(String s) {
        return bytes(s).length;
    }

    static BodyStructure.Single single(BodyStructure body) {
        return (BodyStructure.Single) body;
    }

    static BodyStructure.Multipart multipart(BodyStructure body) {
        return (BodyStructure.Multipart) body;
    }
}
