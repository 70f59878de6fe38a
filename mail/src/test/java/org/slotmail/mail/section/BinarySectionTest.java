package org.slotmail.mail.section;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slotmail.mail.section.TestMessages.bytes;
import static org.slotmail.mail.section.TestMessages.crlf;
import static org.slotmail.mail.section.TestMessages.layout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.apache.james.mime4j.codec.Base64OutputStream;
import org.apache.james.mime4j.codec.QuotedPrintableOutputStream;
import org.junit.jupiter.api.Test;

class BinarySectionTest {
    private static final byte[] MESSAGE = bytes(crlf("""
            Subject: binary
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: application/octet-stream
            Content-Transfer-Encoding: BASE64

            AAEC
            AwQ=
            --b
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            caf=C3=A9 and a soft=
             break=3D
            --b
            Content-Type: text/plain

            seven bit
            --b
            Content-Type: application/octet-stream
            Content-Transfer-Encoding: x-uuencode

            begin 644 x
            --b--
            """));

    private static byte[] decoded(List<Integer> part) throws IOException {
        BinarySection.Content content = (BinarySection.Content) layout(MESSAGE).binary(part);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = content.writeTo(MessageSource.of(MESSAGE), out);
        assertThat(content.decodedSize(MessageSource.of(MESSAGE))).isEqualTo(n);
        return out.toByteArray();
    }

    @Test
    void base64IsDecodedAcrossLines() throws IOException {
        assertThat(decoded(List.of(1))).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void quotedPrintableIsDecodedWithSoftBreaksRemoved() throws IOException {
        assertThat(new String(decoded(List.of(2)), StandardCharsets.UTF_8)).isEqualTo("café and a soft break=");
    }

    @Test
    void sevenBitIsTheStoredBodyAndNeedsNoDecodingPass() throws IOException {
        BinarySection.Content content = (BinarySection.Content) layout(MESSAGE).binary(List.of(3));
        assertThat(content.encoding()).isEqualTo(TransferEncoding.IDENTITY);
        assertThat(content.decodedSize(() -> {
                    throw new IOException("not opened");
                }))
                .isEqualTo("seven bit".length());
    }

    @Test
    void anUnknownEncodingIsReportedByName() {
        assertThat(layout(MESSAGE).binary(List.of(4))).isEqualTo(new BinarySection.UnknownEncoding("x-uuencode"));
    }

    @Test
    void aMissingPartIsMissing() {
        assertThat(layout(MESSAGE).binary(List.of(5))).isInstanceOf(BinarySection.Missing.class);
        assertThat(layout(MESSAGE).binary(List.of(1, 1))).isInstanceOf(BinarySection.Missing.class);
    }

    @Test
    void noPartNumbersIsTheWholeMessageUnchanged() throws IOException {
        assertThat(decoded(List.of())).isEqualTo(MESSAGE);
    }

    @Test
    void encodingNamesAreCaseInsensitiveAndDefaultTo7bit() {
        assertThat(TransferEncoding.of(null)).contains(TransferEncoding.IDENTITY);
        assertThat(TransferEncoding.of(" Binary ")).contains(TransferEncoding.IDENTITY);
        assertThat(TransferEncoding.of("Quoted-Printable")).contains(TransferEncoding.QUOTED_PRINTABLE);
        assertThat(TransferEncoding.of("x-gzip")).isEmpty();
    }

    @Property(tries = 200)
    void base64RoundTripsThroughAMessage(@ForAll @Size(max = 3000) byte[] content) throws IOException {
        assertRoundTrip(content, "base64", Base64OutputStream::new);
    }

    @Property(tries = 200)
    void quotedPrintableRoundTripsThroughAMessage(@ForAll @Size(max = 3000) byte[] content) throws IOException {
        assertRoundTrip(content, "quoted-printable", out -> new QuotedPrintableOutputStream(out, true));
    }

    private interface Encoder {
        OutputStream wrap(OutputStream out);
    }

    private static void assertRoundTrip(byte[] content, String encoding, Encoder encoder) throws IOException {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        try (OutputStream out = encoder.wrap(encoded)) {
            out.write(content);
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(bytes(crlf("Content-Type: multipart/mixed; boundary=zz\n\n--zz\n\nfirst\n--zz\n"
                + "Content-Transfer-Encoding: " + encoding + "\n\n")));
        message.writeBytes(encoded.toByteArray());
        message.writeBytes(bytes("\r\n--zz--\r\n"));
        byte[] raw = message.toByteArray();
        BinarySection.Content part = (BinarySection.Content) layout(raw).binary(List.of(2));
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        part.writeTo(MessageSource.of(raw), decoded);
        assertThat(decoded.toByteArray()).isEqualTo(content);
        assertThat(part.decodedSize(MessageSource.of(raw))).isEqualTo(content.length);
    }
}
