package org.slotmail.imap.syntax;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slotmail.mailbox.StagedMessage;

/**
 * APPEND mailbox [flags] [date-time] literal, repeated for MULTIAPPEND (RFC 3502). Each message's
 * bytes are staged while the command is read; whoever gets the command closes them.
 */
public record Append(String mailbox, List<Message> messages) implements Command, AutoCloseable {
    /** One message of the command. */
    public record Message(List<String> flags, Optional<OffsetDateTime> internalDate, StagedMessage staged) {}

    static Append parse(ImapInput in, long maxSize, ImapInput.LiteralSink<StagedMessage> stager)
            throws SyntaxException, IOException {
        in.sp();
        String mailbox = in.astring();
        var messages = new ArrayList<Message>();
        try {
            do {
                in.sp();
                List<String> flags = List.of();
                if (in.peek() == '(') {
                    flags = Grammar.flags(in, false);
                    in.sp();
                }
                Optional<OffsetDateTime> date = Optional.empty();
                if (in.peek() == '"') {
                    date = Optional.of(Grammar.dateTime(in));
                    in.sp();
                }
                StagedMessage staged;
                if (in.acceptWord("UTF8")) {
                    // RFC 6855 §4: APPEND of a UTF-8 message under UTF8=ACCEPT, as UTF8 (literal8).
                    in.sp();
                    in.open();
                    staged = in.messageLiteral(maxSize, stager);
                    try {
                        in.close();
                    } catch (SyntaxException e) {
                        staged.close();
                        throw e;
                    }
                } else staged = in.messageLiteral(maxSize, stager);
                messages.add(new Message(flags, date, staged));
            } while (!in.atEnd());
        } catch (SyntaxException | IOException | RuntimeException e) {
            messages.forEach(m -> m.staged().close());
            throw e;
        }
        return new Append(mailbox, List.copyOf(messages));
    }

    @Override
    public void close() {
        messages.forEach(m -> m.staged().close());
    }
}
