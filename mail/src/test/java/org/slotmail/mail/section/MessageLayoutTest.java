package org.slotmail.mail.section;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.slotmail.mail.section.TestMessages.bytes;
import static org.slotmail.mail.section.TestMessages.crlf;
import static org.slotmail.mail.section.TestMessages.layout;
import static org.slotmail.mail.section.TestMessages.text;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageLayoutTest {
    /** Section text as IMAP writes it ("4.2.HEADER.FIELDS") with field names apart. */
    static SectionPath path(String section, String... fields) {
        List<Integer> parts = new ArrayList<>();
        String[] pieces = section.isEmpty() ? new String[0] : section.split("\\.");
        int i = 0;
        while (i < pieces.length && pieces[i].chars().allMatch(Character::isDigit))
            parts.add(Integer.parseInt(pieces[i++]));
        String rest = String.join("_", Arrays.asList(pieces).subList(i, pieces.length));
        SectionPath.Specifier specifier =
                rest.isEmpty() ? SectionPath.Specifier.NONE : SectionPath.Specifier.valueOf(rest);
        return SectionPath.of(parts, specifier, List.of(fields));
    }

    /** The structure of RFC 9051 §6.4.5's example, with contents of our own. */
    static final String EXAMPLE_HEADER = crlf("""
            From: Alice <alice@example.com>
            To: Bob <bob@example.com>
            Subject: the
             RFC 9051 example
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            """);

    static final String PART_3_MESSAGE = crlf("""
            From: Carol <carol@example.com>
            Subject: part three
            Content-Type: multipart/mixed; boundary="m3"

            --m3
            Content-Type: text/plain

            three one
            --m3
            Content-Type: application/octet-stream

            three two
            --m3--""");

    static final String PART_4_BODY = crlf("""
            --m4
            Content-Type: image/gif
            Content-Transfer-Encoding: base64

            R0lGODlhAQABAAAAACw=
            --m4
            Content-Type: message/rfc822

            Subject: part four two
            Content-Type: multipart/mixed; boundary="m42"

            --m42
            Content-Type: text/plain

            four two one
            --m42
            Content-Type: multipart/alternative; boundary="m422"

            --m422
            Content-Type: text/plain

            plain
            --m422
            Content-Type: text/richtext

            <bold>rich</bold>
            --m422--
            --m42--
            --m4--""");

    static final String EXAMPLE_TEXT = crlf("""
            This is the preamble.
            --outer
            Content-Type: text/plain; charset=us-ascii

            part one
            --outer
            Content-Type: application/octet-stream
            Content-Transfer-Encoding: base64

            AAECAwQ=
            --outer
            Content-Type: message/rfc822

            """) + PART_3_MESSAGE + crlf("""

            --outer
            Content-Type: multipart/mixed; boundary="m4"

            """) + PART_4_BODY + crlf("""

            --outer--
            epilogue
            """);

    static final byte[] EXAMPLE = bytes(EXAMPLE_HEADER + EXAMPLE_TEXT);

    @Nested
    class Rfc9051Example {
        @ParameterizedTest(name = "BODY[{0}]")
        @CsvSource(
                delimiter = '|',
                value = {
                    "1        | part one",
                    "1.MIME   | Content-Type: text/plain; charset=us-ascii\\r\\n\\r\\n",
                    "2        | AAECAwQ=",
                    "3.1      | three one",
                    "3.2      | three two",
                    "3.MIME   | Content-Type: message/rfc822\\r\\n\\r\\n",
                    "4.1      | R0lGODlhAQABAAAAACw=",
                    "4.1.MIME | Content-Type: image/gif\\r\\nContent-Transfer-Encoding: base64\\r\\n\\r\\n",
                    "4.2.HEADER | Subject: part four two\\r\\nContent-Type: multipart/mixed; boundary=\"m42\"\\r\\n\\r\\n",
                    "4.2.1    | four two one",
                    "4.2.2.1  | plain",
                    "4.2.2.2  | <bold>rich</bold>",
                })
        void partsAreTheirExactBytes(String section, String expected) {
            assertThat(text(layout(EXAMPLE).locate(path(section.trim())), EXAMPLE))
                    .isEqualTo(expected.trim().replace("\\r\\n", "\r\n"));
        }

        @Test
        void wholeHeaderAndText() {
            MessageLayout layout = layout(EXAMPLE);
            assertThat(text(layout.locate(SectionPath.whole()), EXAMPLE)).isEqualTo(EXAMPLE_HEADER + EXAMPLE_TEXT);
            assertThat(text(layout.locate(path("HEADER")), EXAMPLE)).isEqualTo(EXAMPLE_HEADER);
            assertThat(text(layout.locate(path("TEXT")), EXAMPLE)).isEqualTo(EXAMPLE_TEXT);
        }

        @Test
        void messagePartSectionsReferToTheEncapsulatedMessage() {
            MessageLayout layout = layout(EXAMPLE);
            String header = PART_3_MESSAGE.substring(0, PART_3_MESSAGE.indexOf("\r\n\r\n") + 4);
            assertThat(text(layout.locate(path("3")), EXAMPLE)).isEqualTo(PART_3_MESSAGE);
            assertThat(text(layout.locate(path("3.HEADER")), EXAMPLE)).isEqualTo(header);
            assertThat(text(layout.locate(path("3.TEXT")), EXAMPLE))
                    .isEqualTo(PART_3_MESSAGE.substring(header.length()));
            assertThat(text(layout.locate(path("3.HEADER.FIELDS", "subject")), EXAMPLE))
                    .isEqualTo("Subject: part three\r\n\r\n");
        }

        @Test
        void aMultipartPartIsItsWholeBodyWithBoundaries() {
            assertThat(text(layout(EXAMPLE).locate(path("4")), EXAMPLE)).isEqualTo(PART_4_BODY);
        }

        @ParameterizedTest
        @CsvSource({"5", "0.1", "1.1", "4.3", "4.1.1", "2.HEADER", "1.TEXT", "4.HEADER", "4.2.2.3", "3.3"})
        void namesThatAreNoPartAreMissing(String section) {
            SectionPath path;
            try {
                path = path(section);
            } catch (IllegalArgumentException e) {
                return; // part number 0 cannot even be written down
            }
            assertThat(layout(EXAMPLE).locate(path)).isEqualTo(Section.MISSING);
        }

        @Test
        void headerFieldsAreSelectedCaseInsensitivelyWithFoldingKept() {
            MessageLayout layout = layout(EXAMPLE);
            assertThat(text(layout.locate(path("HEADER.FIELDS", "SUBJECT", "from")), EXAMPLE))
                    .isEqualTo("From: Alice <alice@example.com>\r\nSubject: the\r\n RFC 9051 example\r\n\r\n");
            assertThat(text(layout.locate(path("HEADER.FIELDS.NOT", "to", "Mime-Version", "content-type")), EXAMPLE))
                    .isEqualTo("From: Alice <alice@example.com>\r\nSubject: the\r\n RFC 9051 example\r\n\r\n");
            assertThat(text(layout.locate(path("HEADER.FIELDS", "x-absent")), EXAMPLE))
                    .isEqualTo("\r\n");
        }

        @Test
        void lengthIsKnownBeforeTheBytes() throws IOException {
            MessageLayout layout = layout(EXAMPLE);
            for (String section : List.of("", "HEADER", "TEXT", "1", "3.HEADER", "4.2.2", "4.1.MIME")) {
                Section located = layout.locate(path(section));
                assertThat(located.length(MessageSource.of(EXAMPLE)))
                        .isEqualTo(located.toByteArray(MessageSource.of(EXAMPLE)).length);
            }
            Section fields = layout.locate(path("HEADER.FIELDS", "from"));
            assertThat(fields.length(MessageSource.of(EXAMPLE)))
                    .isEqualTo(text(fields, EXAMPLE).length());
        }

        @Test
        void topLevelSectionsNeedNoScan() {
            MessageLayout layout = layout(EXAMPLE);
            long headerSize = TestMessages.summary(EXAMPLE).headerSize();
            for (SectionPath p :
                    List.of(SectionPath.whole(), path("HEADER"), path("TEXT"), path("HEADER.FIELDS.NOT", "subject"))) {
                assertThat(MessageLayout.locateTopLevel(p, headerSize, EXAMPLE.length))
                        .isEqualTo(layout.locate(p));
            }
        }
    }

    @Nested
    class Shapes {
        @Test
        void partOneOfANonMimeMessageIsItsBody() {
            byte[] raw = bytes(crlf("Subject: plain\n\nhello\nworld\n"));
            MessageLayout layout = layout(raw);
            assertThat(text(layout.locate(path("1")), raw)).isEqualTo("hello\r\nworld\r\n");
            assertThat(text(layout.locate(path("1.MIME")), raw)).isEqualTo("Subject: plain\r\n\r\n");
            assertThat(layout.locate(path("1.HEADER"))).isEqualTo(Section.MISSING);
            assertThat(layout.locate(path("2"))).isEqualTo(Section.MISSING);
            assertThat(layout.locate(path("1.1"))).isEqualTo(Section.MISSING);
        }

        @Test
        void aMessageWithoutAnEmptyLineIsAllHeader() {
            byte[] raw = bytes("Subject: only a header\r\nFrom: a@example.com");
            MessageLayout layout = layout(raw);
            assertThat(text(layout.locate(path("HEADER")), raw)).isEqualTo(new String(raw, StandardCharsets.UTF_8));
            assertThat(text(layout.locate(path("TEXT")), raw)).isEmpty();
            assertThat(text(layout.locate(path("1")), raw)).isEmpty();
            assertThat(text(layout.locate(path("HEADER.FIELDS", "from")), raw))
                    .isEqualTo("From: a@example.com\r\n\r\n");
        }

        @Test
        void bareLineFeedsBelongToTheFollowingBoundary() {
            byte[] raw = bytes("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
                    + "one\n\n--b\n\ntwo\n--b--\n");
            MessageLayout layout = layout(raw);
            assertThat(text(layout.locate(path("1")), raw)).isEqualTo("one\n");
            assertThat(text(layout.locate(path("1.MIME")), raw)).isEqualTo("Content-Type: text/plain\n\n");
            assertThat(text(layout.locate(path("2")), raw)).isEqualTo("two");
            assertThat(text(layout.locate(path("2.MIME")), raw)).isEqualTo("\n");
        }

        @Test
        void aTopLevelMessageRfc822HasItsMessageAsPartOne() {
            String inner = crlf("Subject: inner\n\ninner body\n");
            byte[] raw = bytes(crlf("Content-Type: message/rfc822\n\n") + inner);
            MessageLayout layout = layout(raw);
            assertThat(text(layout.locate(path("1")), raw)).isEqualTo(inner);
            assertThat(text(layout.locate(path("1.HEADER")), raw)).isEqualTo("Subject: inner\r\n\r\n");
            assertThat(text(layout.locate(path("1.TEXT")), raw)).isEqualTo("inner body\r\n");
            assertThat(text(layout.locate(path("1.1")), raw)).isEqualTo("inner body\r\n");
            assertThat(text(layout.locate(path("1.1.MIME")), raw)).isEqualTo("Subject: inner\r\n\r\n");
        }

        @Test
        void aMultipartWithoutPartsHasOneEmptyPart() {
            byte[] raw = bytes(crlf("Content-Type: multipart/mixed; boundary=b\n\nonly preamble\n"));
            MessageLayout layout = layout(raw);
            assertThat(layout.locate(path("1"))).isEqualTo(new Section.Slice(raw.length, 0));
            assertThat(layout.locate(path("2"))).isEqualTo(Section.MISSING);
        }

        @Test
        void headerFieldsOfAnUnendedHeaderStillEndWithAnEmptyLine() {
            byte[] raw = bytes("Subject: a\r\nX-Other: b\r\nSubject: again\r\n folded");
            assertThat(text(layout(raw).locate(path("HEADER.FIELDS", "subject")), raw))
                    .isEqualTo("Subject: a\r\nSubject: again\r\n folded\r\n\r\n");
        }

        @Test
        void headerFieldsAcceptTheObsoleteSpaceBeforeTheColon() {
            byte[] raw = bytes(crlf("Subject : old style\nSubjects: not this\nno colon line\n\nbody\n"));
            assertThat(text(layout(raw).locate(path("HEADER.FIELDS", "subject")), raw))
                    .isEqualTo("Subject : old style\r\n\r\n");
            assertThat(text(layout(raw).locate(path("HEADER.FIELDS.NOT", "subject")), raw))
                    .isEqualTo("Subjects: not this\r\n\r\n");
        }
    }

    @Test
    void partialRangesAreCutToTheSlice() {
        Section.Slice slice = new Section.Slice(100, 10);
        assertThat(slice.range(0, 4)).isEqualTo(new Section.Slice(100, 4));
        assertThat(slice.range(8, 4)).isEqualTo(new Section.Slice(108, 2));
        assertThat(slice.range(20, 4)).isEqualTo(new Section.Slice(110, 0));
    }

    @Test
    void aTruncatedSourceIsAnErrorNotAShortSection() {
        Section.Slice slice = new Section.Slice(2, 10);
        assertThatThrownBy(() -> slice.toByteArray(MessageSource.of(new byte[5])))
                .isInstanceOf(IOException.class);
    }

    @Test
    void sectionPathsRejectWhatTheGrammarDoesNot() {
        assertThatThrownBy(() -> SectionPath.of(List.of(), SectionPath.Specifier.MIME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SectionPath.of(List.of(1), SectionPath.Specifier.HEADER_FIELDS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SectionPath.of(List.of(0), SectionPath.Specifier.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(path("4.2.HEADER.FIELDS", "from", "to")).hasToString("4.2.HEADER.FIELDS (FROM TO)");
        assertThat(path("1.MIME")).hasToString("1.MIME");
    }

    /** Each part's exact bytes, header and body, as mime4j's raw mode hands them out. */
    @Property(tries = 300)
    void partsAreTheBytesMime4jSeesBetweenBoundaries(@ForAll("multiparts") String message) throws Exception {
        byte[] raw = bytes(message);
        MessageLayout layout = layout(raw);
        List<byte[]> expected = rawParts(raw);
        List<MessageLayout.Entity> parts = layout.root().parts();
        if (expected.isEmpty()) return; // the layout adds an empty part, mime4j hands out none
        assertThat(parts).hasSameSizeAs(expected);
        for (int i = 0; i < parts.size(); i++) {
            byte[] slice = Arrays.copyOfRange(
                    raw, (int) parts.get(i).start(), (int) parts.get(i).end());
            assertThat(new String(slice, StandardCharsets.UTF_8))
                    .isEqualTo(new String(expected.get(i), StandardCharsets.UTF_8));
        }
    }

    @Provide
    Arbitrary<String> multiparts() {
        return Arbitraries.randomValue(random -> "Content-Type: multipart/mixed; boundary=b" + "\r\n\r\n--b\r\n"
                + new RandomMime(random).message() + "\r\n--b\r\n" + new RandomMime(random).message());
    }

    private static List<byte[]> rawParts(byte[] raw) throws Exception {
        MimeTokenStream tokens = new MimeTokenStream(
                MimeConfig.custom().setMaxLineLen(-1).setMaxHeaderLen(-1).build());
        tokens.setRecursionMode(RecursionMode.M_RAW);
        tokens.parse(new ByteArrayInputStream(raw));
        List<byte[]> parts = new ArrayList<>();
        for (EntityState s = tokens.getState(); s != EntityState.T_END_OF_STREAM; s = tokens.next()) {
            if (s == EntityState.T_RAW_ENTITY) {
                try (InputStream in = tokens.getInputStream()) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    in.transferTo(out);
                    parts.add(out.toByteArray());
                }
            }
        }
        return parts;
    }
}
