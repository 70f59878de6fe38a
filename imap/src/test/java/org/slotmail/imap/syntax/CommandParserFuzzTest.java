package org.slotmail.imap.syntax;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.slotmail.mail.MessageSummary;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.StagedMessage;
import org.slotmail.net.LineReader;

/**
 * Fuzzes the command parser with arbitrary client bytes: whatever arrives, parsing ends in a
 * command, a {@link SyntaxException} or the end of input, never another exception or a hang. In a
 * plain test run this replays the kept corpus ({@code src/test/resources/.../CommandParserFuzzTestInputs});
 * {@code JAZZER_FUZZ=1 ./mvnw -pl imap test -Dtest=CommandParserFuzzTest} fuzzes for real.
 */
class CommandParserFuzzTest {
    /** A staged message that keeps nothing: the harness only parses. */
    private static final class Discarded implements StagedMessage {
        @Override
        public Guid guid() {
            return new Guid("0".repeat(64));
        }

        @Override
        public long size() {
            return 0;
        }

        @Override
        public MessageSummary summary() {
            return null;
        }

        @Override
        public void close() {}
    }

    private static final Limits LIMITS = new Limits(4096, 8192, 16384, 65536, 32);

    @FuzzTest(maxDuration = "30s")
    void parserNeverFailsOtherwiseThanWithASyntaxError(byte[] input) throws IOException {
        var reader = new LineReader(new ByteArrayInputStream(input), 1024, () -> {});
        var in = new ImapInput(reader, LIMITS, () -> {});
        var parser = new CommandParser(LIMITS.maxMessageSize(), (body, size, binary) -> {
            body.transferTo(OutputStream.nullOutputStream());
            return new Discarded();
        });
        int commands = 0;
        while (commands++ < 1000) {
            ImapInput.Start start = in.next();
            if (!(start instanceof ImapInput.Start.Command)) return;
            try {
                in.tag();
                in.sp();
                Command command = parser.parse(in);
                if (command instanceof Append append) append.messages().size();
            } catch (SyntaxException e) {
                try {
                    if (!in.skipCommand()) return;
                } catch (java.io.EOFException eof) {
                    return; // input ended inside a literal being skipped
                }
            } catch (java.io.EOFException e) {
                return; // input ended inside a literal
            } catch (IOException e) {
                if (!e.getMessage().startsWith("line too long")) throw e;
                return;
            } catch (MailboxException e) {
                throw new UncheckedIOException(new IOException("parser reached the mailbox layer", e));
            }
        }
    }
}
