package org.slotmail.mail.section;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slotmail.mail.BodyStructure;
import org.slotmail.mail.MessageSummary;

/** Test messages (written with LF, stored with CRLF) and views of their structure. */
final class TestMessages {
    private TestMessages() {}

    static String crlf(String lf) {
        return lf.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static MessageLayout layout(byte[] raw) {
        try {
            return MessageLayout.scan(new ByteArrayInputStream(raw));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageSummary summary(byte[] raw) {
        try {
            return MessageSummary.parse(new ByteArrayInputStream(raw));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Section section, byte[] raw) {
        try {
            return new String(section.toByteArray(MessageSource.of(raw)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every part number BODYSTRUCTURE gives a message, with what is there: "multipart", or the
     * body size of a leaf or message part. Two parses agree when these lists are equal.
     */
    static List<String> numbering(BodyStructure root) {
        List<String> out = new ArrayList<>();
        numberStructure("", root instanceof BodyStructure.Multipart m ? m.parts() : List.of(root), out);
        return out;
    }

    private static void numberStructure(String prefix, List<BodyStructure> parts, List<String> out) {
        for (int i = 0; i < parts.size(); i++) {
            String path = prefix + (i + 1);
            switch (parts.get(i)) {
                case BodyStructure.Multipart m -> {
                    out.add(path + " multipart");
                    numberStructure(path + ".", m.parts(), out);
                }
                case BodyStructure.Single s -> {
                    out.add(path + " " + s.size());
                    if (s.message() != null) {
                        BodyStructure inner = s.message();
                        numberStructure(
                                path + ".",
                                inner instanceof BodyStructure.Multipart m ? m.parts() : List.of(inner),
                                out);
                    }
                }
            }
        }
    }

    /** {@link #numbering(BodyStructure)} for a layout. */
    static List<String> numbering(MessageLayout layout) {
        List<String> out = new ArrayList<>();
        MessageLayout.Entity root = layout.root();
        numberLayout("", root.kind() == MessageLayout.Kind.MULTIPART ? root.parts() : List.of(root), out);
        return out;
    }

    private static void numberLayout(String prefix, List<MessageLayout.Entity> parts, List<String> out) {
        for (int i = 0; i < parts.size(); i++) {
            String path = prefix + (i + 1);
            MessageLayout.Entity e = parts.get(i);
            switch (e.kind()) {
                case MULTIPART -> {
                    out.add(path + " multipart");
                    numberLayout(path + ".", e.parts(), out);
                }
                case LEAF -> out.add(path + " " + (e.end() - e.bodyStart()));
                case MESSAGE -> {
                    out.add(path + " " + (e.end() - e.bodyStart()));
                    MessageLayout.Entity inner = e.message();
                    numberLayout(
                            path + ".",
                            inner.kind() == MessageLayout.Kind.MULTIPART ? inner.parts() : List.of(inner),
                            out);
                }
            }
        }
    }
}
