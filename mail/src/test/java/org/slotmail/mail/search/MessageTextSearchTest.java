package org.slotmail.mail.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageTextSearchTest {
    /** Builds a message from text (LF turned into CRLF) and raw octets in other charsets. */
    static final class MessageBuilder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        MessageBuilder text(String lf) {
            out.writeBytes(lf.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        MessageBuilder in(Charset charset, String lf) {
            out.writeBytes(lf.replace("\n", "\r\n").getBytes(charset));
            return this;
        }

        MessageBuilder base64(String text, Charset charset) {
            return text(Base64.getMimeEncoder().encodeToString(text.getBytes(charset)) + "\n");
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Nested multipart/mixed with multipart/alternative, QP and base64 text, a PDF, and a forwarded message. */
    static final byte[] MESSAGE = new MessageBuilder()
            .text("""
                    From: =?ISO-8859-1?Q?Andr=E9?= Pirard <andre@example.com>
                    To: Bob <bob@example.com>, "Carol" <carol@example.com>
                    Subject: =?UTF-8?B?w6lsw6h2ZQ==?=
                     =?UTF-8?Q?_meeting_notes?=
                    X-Tag: first
                    X-Tag: second
                    Date: Mon, 7 Feb 1994 21:52:25 -0800
                    Content-Type: multipart/mixed; boundary="mix"

                    --mix
                    Content-Type: multipart/alternative; boundary="alt"

                    --alt
                    Content-Type: text/plain; charset=utf-8
                    Content-Transfer-Encoding: quoted-printable

                    Caf=C3=A9 au lait is served at nine. This line is long and wraps wit=
                    h a soft break. It ends in abc
                    --alt
                    Content-Type: text/html; charset=iso-8859-1
                    Content-Transfer-Encoding: base64

                    """)
            .base64("def <p>Naïve HTML part</p>", StandardCharsets.ISO_8859_1)
            .text("""
                    --alt--
                    --mix
                    Content-Type: application/pdf
                    Content-Transfer-Encoding: base64

                    """)
            .base64("secret pdf words", StandardCharsets.US_ASCII)
            .text("""
                    --mix
                    Content-Type: message/rfc822

                    From: inner@example.com
                    Subject: =?ISO-8859-1?Q?Forwarded_r=E9sum=E9?=
                    Content-Type: text/plain; charset=koi8-r
                    Content-Transfer-Encoding: 8bit

                    """)
            .in(Charset.forName("KOI8-R"), "привет мир\n")
            .text("--mix--\n")
            .bytes();

    static boolean matches(byte[] message, TextQuery query) {
        try {
            return MessageTextSearch.matches(new ByteArrayInputStream(message), query);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Nested
    class HeaderKeys {
        @ParameterizedTest(name = "{0} {1} -> {2}")
        @CsvSource({
            "from, andré, true",
            "FROM, PIRARD, true",
            "from, ANDRE@EXAMPLE.COM, true",
            "to, carol, true",
            "cc, bob, false",
            // Encoded words of both kinds, folded across lines, decode into one value.
            "subject, élève meeting, true",
            "subject, ÉLÈVE MEETING NOTES, true",
            "subject, résumé, false", // the forwarded message's subject is not this header
            "x-tag, second, true", // any occurrence of the field counts
            "x-tag, '', true", // an empty value asks only that the field be present
            "x-missing, '', false",
            "date, 1994, true",
        })
        void matchDecodedValuesOfTheTopLevelHeader(String field, String value, boolean expected) {
            assertThat(matches(MESSAGE, new TextQuery.Header(field, value))).isEqualTo(expected);
        }
    }

    @Nested
    class BodyKey {
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
            "café au lait, true", // quoted-printable UTF-8
            "CAFÉ AU LAIT, true",
            "wraps with a soft break, true", // across a soft line break
            "naïve html, true", // base64, ISO-8859-1 html
            "привет, true", // 8bit KOI8-R in a forwarded message
            "secret pdf, false", // not text
            "résumé, false", // a forwarded header is not body text
            "abcdef, false", // parts do not run into each other
            "meeting notes, false", // the header is not the body
        })
        void matchesDecodedTextParts(String value, boolean expected) {
            assertThat(matches(MESSAGE, new TextQuery.Body(value))).isEqualTo(expected);
        }
    }

    @Nested
    class TextKey {
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
            "résumé, true", // a forwarded message's header
            "andré pirard, true",
            "x-tag: second, true", // a field is seen as "Name: value"
            "café au lait, true",
            "application/pdf, true", // part headers count too
            "secret pdf, false",
        })
        void matchesHeadersAndBody(String value, boolean expected) {
            assertThat(matches(MESSAGE, new TextQuery.Text(value))).isEqualTo(expected);
        }
    }

    @Test
    void answersSeveralKeysInOnePass() throws IOException {
        List<TextQuery> queries = List.of(
                new TextQuery.Header("subject", "meeting"),
                new TextQuery.Header("subject", "absent"),
                new TextQuery.Body("nine"),
                new TextQuery.Body("nowhere"),
                new TextQuery.Text("inner@example.com"),
                new TextQuery.Body(""));
        Set<TextQuery> found = MessageTextSearch.matching(new ByteArrayInputStream(MESSAGE), queries);
        assertThat(found)
                .containsExactlyInAnyOrder(
                        new TextQuery.Header("subject", "meeting"),
                        new TextQuery.Body("nine"),
                        new TextQuery.Text("inner@example.com"),
                        new TextQuery.Body(""));
    }

    @Test
    void aNonMimeMessageIsOneTextPartEvenWith8bitUtf8() {
        byte[] raw = "Subject: plain\r\n\r\nA naïve body\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(matches(raw, new TextQuery.Body("NAÏVE"))).isTrue();
        assertThat(matches(raw, new TextQuery.Body("subject"))).isFalse();
    }

    @Test
    void aMessageWithoutBodyStillHasItsHeader() {
        byte[] raw = "Subject: only a header\r\nFrom: a@example.com".getBytes(StandardCharsets.US_ASCII);
        assertThat(matches(raw, new TextQuery.Header("from", "a@example"))).isTrue();
        assertThat(matches(raw, new TextQuery.Body("only"))).isFalse();
    }

    @Test
    void bareLineFeedsWork() {
        byte[] raw = ("Subject: unix\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\nfirst\n--b\n"
                        + "Content-Transfer-Encoding: base64\n\n"
                        + Base64.getEncoder().encodeToString("second".getBytes())
                        + "\n--b--\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(matches(raw, new TextQuery.Body("second"))).isTrue();
        assertThat(matches(raw, new TextQuery.Header("subject", "unix"))).isTrue();
    }

    @Test
    void bodyTextIsEveryTextPartInOrder() throws IOException {
        StringWriter out = new StringWriter();
        try (Reader reader = BodyText.open(new ByteArrayInputStream(MESSAGE))) {
            reader.transferTo(out);
        }
        assertThat(out.toString())
                .isEqualTo(
                        "Café au lait is served at nine. This line is long and wraps with a soft break. It ends in abc"
                                + "\ndef <p>Naïve HTML part</p>" + "\nпривет мир");
    }

    @net.jqwik.api.Property(tries = 300)
    void anyInputIsSearchedWithoutError(@net.jqwik.api.ForAll byte[] raw) throws IOException {
        List<TextQuery> queries =
                List.of(new TextQuery.Header("subject", "x"), new TextQuery.Body("a"), new TextQuery.Text("--"));
        assertThat(MessageTextSearch.matching(new ByteArrayInputStream(raw), queries))
                .isSubsetOf(queries);
        try (Reader reader = BodyText.open(new ByteArrayInputStream(raw))) {
            reader.transferTo(Writer.nullWriter());
        }
    }

    @Nested
    class Streaming {
        /** A message whose second part is 10 MB of text, counted as it is read. */
        private static final class CountingStream extends FilterInputStream {
            long read;

            CountingStream(InputStream in) {
                super(in);
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) read += n;
                return n;
            }

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) read++;
                return b;
            }
        }

        private static CountingStream bigMessage() {
            byte[] head = ("Subject: big one\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n"
                            + "early words\r\n--b\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] line = "filler text line\r\n".getBytes(StandardCharsets.US_ASCII);
            long lines = 10L * 1024 * 1024 / line.length;
            InputStream filler = new InputStream() {
                long at;

                @Override
                public int read() {
                    return at < lines * line.length ? line[(int) (at++ % line.length)] : -1;
                }
            };
            byte[] tail = "late words\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII);
            return new CountingStream(new SequenceInputStream(Collections.enumeration(
                    List.of(new ByteArrayInputStream(head), filler, new ByteArrayInputStream(tail)))));
        }

        @Test
        void stopsAtTheFirstHit() throws IOException {
            CountingStream in = bigMessage();
            assertThat(MessageTextSearch.matches(in, new TextQuery.Body("EARLY WORDS")))
                    .isTrue();
            assertThat(in.read).isLessThan(1024 * 1024);
        }

        @Test
        void headerKeysStopAtTheEndOfTheHeader() throws IOException {
            CountingStream in = bigMessage();
            assertThat(MessageTextSearch.matches(in, new TextQuery.Header("subject", "nope")))
                    .isFalse();
            assertThat(in.read).isLessThan(1024 * 1024);
        }

        @Test
        void readsToTheEndWhenItMustAndFindsWhatIsThere() throws IOException {
            CountingStream in = bigMessage();
            assertThat(MessageTextSearch.matches(in, new TextQuery.Body("late words")))
                    .isTrue();
            assertThat(in.read).isGreaterThan(10L * 1024 * 1024);
        }
    }

    @Test
    void aBase64PartWhoseDecoderReadsNothingEndsQuietly() throws IOException {
        // Found by MessageBytesFuzzTest: after "====" mime4j's decoder answered a read with 0
        // bytes, and the charset decoder (any charset but UTF-8) threw, failing the whole SEARCH.
        byte[] message = new MessageBuilder()
                .text("Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: base64\n\n")
                .text("====\nZm91bmQ=\n")
                .bytes();
        assertThat(MessageTextSearch.matches(new ByteArrayInputStream(message), new TextQuery.Body("absent")))
                .isFalse();
        assertThat(MessageTextSearch.matches(new ByteArrayInputStream(message), new TextQuery.Text("Content-Type")))
                .isTrue();
    }
}
