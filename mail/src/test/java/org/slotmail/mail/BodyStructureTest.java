package org.slotmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slotmail.mail.Messages.crlf;
import static org.slotmail.mail.Messages.lfCount;
import static org.slotmail.mail.Messages.multipart;
import static org.slotmail.mail.Messages.octets;
import static org.slotmail.mail.Messages.parse;
import static org.slotmail.mail.Messages.single;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BodyStructureTest {
    @Nested
    class SinglePart {
        @Test
        void textMessageSizeAndLinesAreTheBodyOctets() {
            String header = crlf("From: a@example.com\nSubject: hi\nContent-Type: text/plain; charset=UTF-8\n\n");
            String body = crlf("Hello Bob,\nhow are you?\n");
            MessageSummary summary = parse(header + body);

            assertThat(summary.headerSize()).isEqualTo(octets(header));
            assertThat(summary.body())
                    .isEqualTo(new BodyStructure.Single(
                            "text",
                            "plain",
                            Map.of("charset", "UTF-8"),
                            null,
                            null,
                            "7BIT",
                            octets(body),
                            2,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null));
        }

        @Test
        void noContentTypeMeansUsAsciiPlainText() {
            BodyStructure.Single body =
                    single(parse(crlf("Subject: x\n\nbody\n")).body());
            assertThat(body.type()).isEqualTo("text");
            assertThat(body.subtype()).isEqualTo("plain");
            assertThat(body.params()).containsExactly(Map.entry("charset", "us-ascii"));
            assertThat(body.encoding()).isEqualTo("7BIT");
        }

        @Test
        void textWithoutCharsetGetsUsAscii() {
            BodyStructure.Single body =
                    single(parse(crlf("Content-Type: text/html\n\n<p>\n")).body());
            assertThat(body.params()).containsExactly(Map.entry("charset", "us-ascii"));
        }

        @Test
        void invalidContentTypeFallsBackToTextPlainWithoutItsParameters() {
            BodyStructure.Single body = single(
                    parse(crlf("Content-Type: garbage; name=x\n\nbody\n")).body());
            assertThat(body.type()).isEqualTo("text");
            assertThat(body.subtype()).isEqualTo("plain");
            assertThat(body.params()).containsExactly(Map.entry("charset", "us-ascii"));
        }

        @Test
        void multipartWithoutBoundaryIsPlainText() {
            String header = crlf("Content-Type: multipart/mixed\n\n");
            String body = crlf("--x\nnot parsed\n--x--\n");
            BodyStructure.Single single = single(parse(header + body).body());
            assertThat(single.type()).isEqualTo("text");
            assertThat(single.size()).isEqualTo(octets(body));
        }

        @Test
        void parametersKeepOrderWithLowerCaseNames() {
            BodyStructure.Single body = single(parse(
                            crlf(
                                    "Content-Type: Application/PDF; Name=\"a b.pdf\"; X-Mac-Type=\"50444620\"; name=dup\n\nx\n"))
                    .body());
            assertThat(body.type()).isEqualTo("application");
            assertThat(body.subtype()).isEqualTo("pdf");
            assertThat(body.params())
                    .containsExactly(Map.entry("name", "a b.pdf"), Map.entry("x-mac-type", "50444620"));
            assertThat(body.lines()).isEqualTo(-1);
        }

        @Test
        void extensionFieldsAreReported() {
            String message = crlf("""
                    Content-Type: text/plain
                    Content-ID: <part1@example.com>
                    Content-Description: a  description
                    Content-Transfer-Encoding: Quoted-Printable
                    Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==
                    Content-Disposition: INLINE; filename="note.txt"; size=12
                    Content-Language: en, fi , se
                    Content-Location: http://example.com/test.txt

                    hello
                    """);
            BodyStructure.Single body = single(parse(message).body());
            assertThat(body.id()).isEqualTo("<part1@example.com>");
            assertThat(body.description()).isEqualTo("a  description");
            assertThat(body.encoding()).isEqualTo("QUOTED-PRINTABLE");
            assertThat(body.md5()).isEqualTo("Q2hlY2sgSW50ZWdyaXR5IQ==");
            assertThat(body.disposition())
                    .isEqualTo(new BodyStructure.Disposition("inline", Map.of("filename", "note.txt", "size", "12")));
            assertThat(body.language()).containsExactly("en", "fi", "se");
            assertThat(body.location()).isEqualTo("http://example.com/test.txt");
        }

        @Test
        void lfOnlyMessageCountsItsOwnOctets() {
            String header = "Subject: unix\n\n";
            String body = "one\ntwo\nthree";
            MessageSummary summary = parse(header + body);
            assertThat(summary.headerSize()).isEqualTo(octets(header));
            assertThat(single(summary.body()).size()).isEqualTo(octets(body));
            assertThat(single(summary.body()).lines()).isEqualTo(2);
        }

        @Test
        void noBodySeparatorMeansAllHeaderAndAnEmptyBody() {
            String message = crlf("From: a@example.com\nSubject: no body");
            MessageSummary summary = parse(message);
            assertThat(summary.headerSize()).isEqualTo(octets(message));
            assertThat(summary.envelope().subject()).isEqualTo("no body");
            assertThat(single(summary.body()).size()).isZero();
            assertThat(single(summary.body()).lines()).isZero();
        }

        @Test
        void emptyInputGivesAnEmptySummary() {
            MessageSummary summary = parse("");
            assertThat(summary.headerSize()).isZero();
            assertThat(summary.envelope().from()).isEmpty();
            assertThat(single(summary.body()).size()).isZero();
        }

        @Test
        void messageStartingWithBlankLineHasNoHeader() {
            MessageSummary summary = parse("\r\nFrom: not a header\r\n");
            assertThat(summary.headerSize()).isEqualTo(2);
            assertThat(summary.envelope().from()).isEmpty();
            assertThat(single(summary.body()).size()).isEqualTo(20);
        }

        @Test
        void nulAndEightBitBytesAreCounted() {
            byte[] raw = "Subject: a\0b\r\n\r\n\0\u00ff\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            MessageSummary summary = Messages.parse(raw);
            assertThat(summary.envelope().subject()).isEqualTo("a\0b");
            assertThat(single(summary.body()).size()).isEqualTo(3);
            assertThat(single(summary.body()).lines()).isEqualTo(1);
        }
    }

    @Nested
    class Multiparts {
        @Test
        void alternativePartsHaveExactSizes() {
            String plain = crlf("Hello,\nplain text.\n");
            String html = crlf("<p>Hello,</p>\n<p>html.</p>\n");
            String message = crlf("""
                    From: a@example.com
                    Content-Type: multipart/alternative; boundary="b1"

                    preamble
                    --b1
                    Content-Type: text/plain; charset=us-ascii

                    """) + plain + crlf("""

                    --b1
                    Content-Type: text/html; charset=utf-8
                    Content-Transfer-Encoding: 8bit

                    """) + html + crlf("\n--b1--\nepilogue\n");

            BodyStructure.Multipart root = multipart(parse(message).body());
            assertThat(root.subtype()).isEqualTo("alternative");
            assertThat(root.params()).containsExactly(Map.entry("boundary", "b1"));
            assertThat(root.parts()).hasSize(2);
            BodyStructure.Single first = single(root.parts().get(0));
            BodyStructure.Single second = single(root.parts().get(1));
            // RFC 2046 §5.1.1: the line break before a boundary belongs to the boundary.
            assertThat(first.size()).isEqualTo(octets(plain));
            assertThat(first.lines()).isEqualTo(lfCount(plain));
            assertThat(second.size()).isEqualTo(octets(html));
            assertThat(second.lines()).isEqualTo(2);
            assertThat(second.encoding()).isEqualTo("8BIT");
            assertThat(second.params()).containsExactly(Map.entry("charset", "utf-8"));
        }

        @Test
        void mixedWithAttachmentReportsDisposition() {
            String text = crlf("See attached.\n");
            String pdf = crlf(
                    "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFIvRmlsdGVyIC9GbGF0ZURlY29kZT4+\nc3RyZWFtCnicK+RyCuEyUAjh0g==\n");
            String message = crlf("""
                    Content-Type: multipart/mixed; boundary=XYZ

                    --XYZ

                    """) + text + crlf("""
                    --XYZ
                    Content-Type: application/pdf; name="report.pdf"
                    Content-Transfer-Encoding: base64
                    Content-Disposition: attachment; filename="report.pdf"

                    """) + pdf + crlf("--XYZ--\n");

            BodyStructure.Multipart root = multipart(parse(message).body());
            BodyStructure.Single body = single(root.parts().get(0));
            BodyStructure.Single attachment = single(root.parts().get(1));
            // The part's own last CRLF is the one before the boundary, so it is not counted.
            assertThat(body.size()).isEqualTo(octets(text) - 2);
            assertThat(body.lines()).isZero();
            assertThat(attachment.type()).isEqualTo("application");
            assertThat(attachment.params()).containsExactly(Map.entry("name", "report.pdf"));
            assertThat(attachment.encoding()).isEqualTo("BASE64");
            assertThat(attachment.size()).isEqualTo(octets(pdf) - 2);
            assertThat(attachment.lines()).isEqualTo(-1);
            assertThat(attachment.disposition())
                    .isEqualTo(new BodyStructure.Disposition("attachment", Map.of("filename", "report.pdf")));
        }

        @Test
        void nestedMultipartKeepsItsOwnExtensionData() {
            String message = crlf("""
                    Content-Type: multipart/mixed; boundary=outer

                    --outer
                    Content-Type: multipart/alternative; boundary=inner
                    Content-Disposition: inline
                    Content-Language: de
                    Content-Location: cid:x

                    --inner
                    Content-Type: text/plain

                    a
                    --inner
                    Content-Type: text/html

                    <b>a</b>
                    --inner--
                    --outer
                    Content-Type: image/png

                    iVBORw0KGgo=
                    --outer--
                    """);
            BodyStructure.Multipart root = multipart(parse(message).body());
            BodyStructure.Multipart inner = multipart(root.parts().get(0));
            assertThat(inner.subtype()).isEqualTo("alternative");
            assertThat(inner.disposition()).isEqualTo(new BodyStructure.Disposition("inline", Map.of()));
            assertThat(inner.language()).containsExactly("de");
            assertThat(inner.location()).isEqualTo("cid:x");
            assertThat(single(inner.parts().get(0)).size()).isEqualTo(1);
            assertThat(single(inner.parts().get(1)).size()).isEqualTo(8);
            assertThat(single(root.parts().get(1)).size()).isEqualTo(12);
        }

        @Test
        void lfOnlyBoundariesAndTransportPaddingAreHandled() {
            String message = "Content-Type: multipart/mixed; boundary=b\n\n--b  \t\nContent-Type: text/plain\n\n"
                    + "one\ntwo\n--b\n\n\n--b--  \n";
            BodyStructure.Multipart root = multipart(parse(message).body());
            assertThat(single(root.parts().get(0)).size()).isEqualTo(7);
            assertThat(single(root.parts().get(0)).lines()).isEqualTo(1);
            assertThat(single(root.parts().get(1)).size()).isZero();
        }

        @Test
        void partWithNoHeaderAndNoBodyIsEmptyText() {
            String message = crlf("Content-Type: multipart/mixed; boundary=b\n\n--b\n--b\n\nx\n--b--\n");
            BodyStructure.Multipart root = multipart(parse(message).body());
            assertThat(root.parts()).hasSize(2);
            assertThat(single(root.parts().get(0)).size()).isZero();
            assertThat(single(root.parts().get(1)).size()).isEqualTo(1);
        }

        @Test
        void lineStartingWithTheBoundaryAndMoreIsContent() {
            // RFC 2046 §5.1.1: only "--" boundary ["--"] and white space make a delimiter line.
            String body = crlf("--bx is not the boundary\nend\n");
            String message = crlf("Content-Type: multipart/mixed; boundary=b\n\n--b\n\n") + body + crlf("--b--\n");
            BodyStructure.Multipart root = multipart(parse(message).body());
            assertThat(root.parts()).hasSize(1);
            assertThat(single(root.parts().getFirst()).size()).isEqualTo(octets(body) - 2);
        }

        @Test
        void missingClosingBoundaryEndsTheLastPartAtTheEnd() {
            String last = crlf("last part\nrunning to the end\n");
            String message = crlf("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nfirst\n--b\n\n") + last;
            BodyStructure.Multipart root = multipart(parse(message).body());
            assertThat(root.parts()).hasSize(2);
            assertThat(single(root.parts().get(1)).size()).isEqualTo(octets(last));
        }

        @Test
        void boundaryThatNeverAppearsGivesOneEmptyPart() {
            String message = crlf("Content-Type: multipart/mixed; boundary=nothere\n\njust text\n");
            BodyStructure.Multipart root = multipart(parse(message).body());
            assertThat(root.parts()).containsExactly(BodyStructureBuilder.EMPTY_TEXT);
        }

        @Test
        void digestPartsDefaultToMessageRfc822() {
            String inner = crlf("Subject: in digest\n\ntext\n");
            String message = crlf("Content-Type: multipart/digest; boundary=d\n\n--d\n\n") + inner + crlf("\n--d--\n");
            BodyStructure.Single part =
                    single(multipart(parse(message).body()).parts().getFirst());
            assertThat(part.type()).isEqualTo("message");
            assertThat(part.subtype()).isEqualTo("rfc822");
            assertThat(part.size()).isEqualTo(octets(inner));
            assertThat(part.envelope().subject()).isEqualTo("in digest");
        }
    }

    @Nested
    class EncapsulatedMessages {
        @Test
        void messageRfc822CarriesEnvelopeBodyAndExactSize() {
            String innerHeader = crlf("From: sub@domain.org\nTo: t1@domain.org, t2@domain.org\nSubject: submsg\n"
                    + "Content-Type: multipart/alternative; boundary=\"sub1\"\n\n");
            String innerHtml = crlf("<p>Hello world</p>\n");
            String innerBody = crlf("Sub MIME prologue\n--sub1\nContent-Type: text/html\n\n")
                    + innerHtml
                    + crlf("\n--sub1--\nSub MIME epilogue\n");
            String inner = innerHeader + innerBody;
            String message = crlf("""
                    From: user@domain.org
                    Content-Type: multipart/mixed; boundary="foo bar"

                    --foo bar
                    Content-Type: message/rfc822

                    """) + inner + crlf("\n--foo bar--\n");

            BodyStructure.Single part =
                    single(multipart(parse(message).body()).parts().getFirst());
            assertThat(part.type()).isEqualTo("message");
            assertThat(part.size()).isEqualTo(octets(inner));
            assertThat(part.lines()).isEqualTo(lfCount(inner));
            assertThat(part.envelope().subject()).isEqualTo("submsg");
            assertThat(part.envelope().to())
                    .containsExactly(
                            new Address(null, null, "t1", "domain.org"), new Address(null, null, "t2", "domain.org"));
            BodyStructure.Multipart nested = multipart(part.message());
            assertThat(nested.subtype()).isEqualTo("alternative");
            assertThat(single(nested.parts().getFirst()).size()).isEqualTo(octets(innerHtml));
        }

        @Test
        void topLevelMessageRfc822IsParsedToo() {
            String inner = crlf("Subject: wrapped\n\nhi\n");
            MessageSummary summary = parse(crlf("Content-Type: message/rfc822\n\n") + inner);
            BodyStructure.Single body = single(summary.body());
            assertThat(body.size()).isEqualTo(octets(inner));
            assertThat(body.envelope().subject()).isEqualTo("wrapped");
            assertThat(single(body.message()).size()).isEqualTo(4);
        }

        @Test
        void messageGlobalIsTreatedLikeRfc822() {
            String inner = "Subject: Grüße\r\n\r\nx\r\n";
            BodyStructure.Single body =
                    single(parse("Content-Type: message/global\r\n\r\n" + inner).body());
            assertThat(body.envelope().subject()).isEqualTo("Grüße");
            assertThat(body.size()).isEqualTo(octets(inner));
        }

        @Test
        void emptyEncapsulatedMessageStillHasEnvelopeAndBody() {
            BodyStructure.Single body =
                    single(parse(crlf("Content-Type: message/rfc822\n\n")).body());
            assertThat(body.size()).isZero();
            assertThat(body.envelope()).isEqualTo(EnvelopeParser.EMPTY);
            assertThat(body.message()).isInstanceOf(BodyStructure.Single.class);
        }
    }

    @Test
    void recordsCopyTheirCollections() {
        java.util.ArrayList<String> language = new java.util.ArrayList<>(List.of("en"));
        java.util.LinkedHashMap<String, String> params = new java.util.LinkedHashMap<>(Map.of("a", "b"));
        BodyStructure.Single single = new BodyStructure.Single(
                "text", "plain", params, null, null, "7BIT", 0, 0, null, null, language, null, null, null);
        language.add("fi");
        params.put("c", "d");
        assertThat(single.language()).containsExactly("en");
        assertThat(single.params()).containsExactly(Map.entry("a", "b"));
    }
}
