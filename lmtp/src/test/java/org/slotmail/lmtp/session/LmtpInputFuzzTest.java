package org.slotmail.lmtp.session;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.slotmail.lmtp.syntax.Address;
import org.slotmail.lmtp.syntax.Command;
import org.slotmail.lmtp.syntax.CommandParser;
import org.slotmail.lmtp.syntax.Lhlo;
import org.slotmail.lmtp.syntax.MailFrom;
import org.slotmail.lmtp.syntax.RcptTo;
import org.slotmail.net.Line;
import org.slotmail.net.LineReader;

/**
 * Fuzzes what an LMTP client sends, as a session reads it: command lines through {@link
 * CommandParser}, and after each DATA the message through {@link DataDecoder}. Whatever arrives,
 * parsing ends in a {@link Command} (bad lines are {@link Command.Invalid} or {@link
 * Command.Unknown}, never an exception), and:
 *
 * <ul>
 *   <li>every piece of client text a reply may echo is printable ASCII, so it cannot forge a
 *       reply line;
 *   <li>the Return-Path and Received headers built from LHLO, MAIL FROM and RCPT TO are exactly
 *       their own lines: no CR, LF or control character of the client's starts another header;
 *   <li>the DATA decoder writes what the byte-at-a-time rules ({@link DataRules}) write, whatever
 *       the buffer boundaries, with every line ended by CRLF, and leaves the bytes after the final
 *       "." for the next command.
 * </ul>
 *
 * In a plain test run this replays the kept corpus ({@code src/test/resources/.../LmtpInputFuzzTestInputs});
 * {@code JAZZER_FUZZ=1 ./mvnw -pl lmtp -am test -Dtest=LmtpInputFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}
 * fuzzes for real.
 */
class LmtpInputFuzzTest {
    /** Inputs past this are not tried: a session reads far more, but no rule needs a bigger case. */
    private static final int MAX_INPUT = 1024 * 1024;

    /** The default command line limit of {@code LmtpSettings}. */
    private static final int MAX_LINE = 2048;

    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();
    private static final ZonedDateTime WHEN = ZonedDateTime.of(2025, 3, 7, 9, 5, 1, 0, ZoneOffset.UTC);

    @FuzzTest(maxDuration = "30s")
    void clientBytesEndInACommandOrADecodedMessage(FuzzedDataProvider data) throws IOException {
        // Small buffers make the decoder's state cross buffer boundaries everywhere.
        int bufferSize = data.consumeInt(1, 64);
        byte[] input = data.consumeRemainingAsBytes();
        if (input.length > MAX_INPUT) return;
        var source = new ByteArrayInputStream(input);
        var in = new LineReader(source, bufferSize, () -> {});
        IntSupplier position = () -> input.length - source.available() - in.buffered();
        String clientName = "";
        Optional<Address> sender = Optional.empty();
        Optional<Address> recipient = Optional.empty();
        for (int lines = 0; lines < 10_000; lines++) {
            switch (in.readLine(MAX_LINE)) {
                case Line.End() -> {
                    return;
                }
                case Line.TooLong _ -> {}
                case Line.Text(byte[] bytes) -> {
                    Command command = CommandParser.parse(bytes);
                    checkEchoedText(command);
                    switch (command) {
                        case Lhlo lhlo -> clientName = lhlo.clientName();
                        case MailFrom mail -> sender = mail.sender();
                        case RcptTo rcpt -> recipient = Optional.of(rcpt.recipient());
                        case Command.Data _ -> {
                            checkTraceHeaders(clientName, sender, recipient);
                            if (!decode(in, input, position.getAsInt(), position)) return;
                        }
                        default -> {}
                    }
                }
            }
        }
    }

    /** Text a reply may carry back to the client: printable ASCII only (RFC 5321 §4.2). */
    private static void checkEchoedText(Command command) {
        switch (command) {
            case Command.Invalid invalid -> requirePrintable("detail", invalid.detail());
            case Command.Unknown unknown -> requirePrintable("verb", unknown.verb());
            case Command.NotImplemented verb -> requirePrintable("verb", verb.verb());
            case Command.LegacyHello verb -> requirePrintable("verb", verb.verb());
            case Command.Vrfy vrfy -> requirePrintable("VRFY argument", vrfy.argument());
            case Lhlo lhlo -> requirePrintable("LHLO name", lhlo.clientName());
            case MailFrom mail -> mail.sender().ifPresent(a -> requirePrintable("sender", a.toString()));
            case RcptTo rcpt -> requirePrintable("recipient", rcpt.recipient().toString());
            default -> {}
        }
    }

    private static void requirePrintable(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) throw new IllegalStateException(what + " holds char " + (int) c + ": " + text);
        }
    }

    /** The trace headers are five lines: Return-Path, Received, and its folded continuations. */
    private static void checkTraceHeaders(String clientName, Optional<Address> sender, Optional<Address> recipient) {
        String headers = new String(
                TraceHeaders.render("mx.example", "abc123", clientName, CLIENT, sender, recipient, WHEN),
                StandardCharsets.ISO_8859_1);
        if (!headers.endsWith("\r\n")) throw new IllegalStateException("headers do not end with CRLF: " + headers);
        String[] lines = headers.substring(0, headers.length() - 2).split("\r\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean expectedStart = switch (i) {
                case 0 -> line.startsWith("Return-Path: <");
                case 1 -> line.startsWith("Received: from ");
                default -> line.startsWith("\t");
            };
            if (!expectedStart) throw new IllegalStateException("header line " + i + " is not ours: " + line);
            // RFC 5322 §2.1.1: at most 998 characters a line.
            if (line.length() > 998) throw new IllegalStateException("header line " + i + " too long");
            for (int k = 0; k < line.length(); k++) {
                char c = line.charAt(k);
                if ((c < 0x20 && c != '\t') || c > 0x7e) {
                    throw new IllegalStateException("header line " + i + " holds char " + (int) c);
                }
            }
        }
    }

    /**
     * Decodes one DATA block starting at {@code input[at]} and compares it with the byte-at-a-time
     * rules; false when the input ended inside the block. {@code position} tells how far the
     * reader has consumed the input.
     */
    private static boolean decode(LineReader in, byte[] input, int at, IntSupplier position) throws IOException {
        var expected = new DataRules(Arrays.copyOfRange(input, at, input.length));
        var out = new ByteArrayOutputStream();
        try {
            DataDecoder.copy(in, out);
        } catch (EOFException e) {
            if (expected.consumed >= 0) throw new IllegalStateException("the block ended, the decoder saw no end", e);
            return false;
        }
        if (expected.consumed < 0) throw new IllegalStateException("the decoder ended a block that has no end");
        byte[] decoded = out.toByteArray();
        if (!Arrays.equals(decoded, expected.output.toByteArray())) {
            throw new IllegalStateException("decoded DATA differs from the byte-at-a-time rules");
        }
        for (int i = 0; i < decoded.length; i++) {
            boolean cr = decoded[i] == '\r';
            boolean lf = decoded[i] == '\n';
            if ((cr && (i + 1 == decoded.length || decoded[i + 1] != '\n'))
                    || (lf && (i == 0 || decoded[i - 1] != '\r'))) {
                throw new IllegalStateException("bare CR or LF at " + i + " of the decoded message");
            }
        }
        // The next command starts right after the terminating line (PIPELINING, RFC 2920).
        if (position.getAsInt() != at + expected.consumed) {
            throw new IllegalStateException(
                    "the decoder stopped at " + position.getAsInt() + ", not at " + (at + expected.consumed));
        }
        return true;
    }
}
