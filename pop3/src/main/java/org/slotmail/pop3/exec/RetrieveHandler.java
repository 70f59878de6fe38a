package org.slotmail.pop3.exec;

import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.pop3.response.MessageUnreadable;
import org.slotmail.pop3.session.Maildrop;
import org.slotmail.pop3.session.Session;
import org.slotmail.pop3.session.Status;
import org.slotmail.pop3.syntax.Command;

/**
 * RETR and TOP (RFC 1939 §5, §7): a message streamed from the store, byte-stuffed. The message is
 * opened (which checks its SHA-256) before the {@code +OK}, so a message another session expunged,
 * or damaged bytes, get a clean {@code -ERR} and the session goes on.
 */
final class RetrieveHandler {
    private static final Logger log = LoggerFactory.getLogger(RetrieveHandler.class);

    private RetrieveHandler() {}

    static Status retr(Command.Retr command, Session s) throws IOException {
        return switch (Target.of(command.message(), s)) {
            case Target.Found(var m) -> send(m, -1, s);
            case Target.Missing(var why) -> why;
        };
    }

    static Status top(Command.Top command, Session s) throws IOException {
        return switch (Target.of(command.message(), s)) {
            case Target.Found(var m) -> send(m, command.lines(), s);
            case Target.Missing(var why) -> why;
        };
    }

    /** Sends the whole message ({@code bodyLines < 0}) or its header and that many body lines. */
    private static Status send(Maildrop.Message m, long bodyLines, Session s) throws IOException {
        InputStream content;
        try {
            content = s.maildrop().content(m);
        } catch (MailboxException e) {
            return switch (e.reason()) {
                // RFC 3206 §4: permanent; asking again will not bring the message back.
                case NONEXISTENT -> Status.err("SYS/PERM", "message " + m.number() + " was deleted by another session");
                case CORRUPTED -> {
                    log.atWarn()
                            .setMessage("damaged message not served")
                            .addKeyValue("account", s.account().address())
                            .addKeyValue("uid", m.uid())
                            .log();
                    yield Status.err("SYS/PERM", "message " + m.number() + " is damaged on this server");
                }
                default -> Errors.of(e);
            };
        }
        try (content) {
            s.out().ok(bodyLines < 0 ? m.size() + " octets" : "top of message follows");
            s.out().message(content, bodyLines);
        } catch (MessageUnreadable e) {
            // The +OK is out: the only honest end is to close without the terminating dot.
            log.atWarn()
                    .setMessage("stored message unreadable while sending it; closing the connection")
                    .addKeyValue("account", s.account().address())
                    .addKeyValue("uid", m.uid())
                    .setCause(e.getCause())
                    .log();
            s.close();
            return Status.SENT;
        }
        if (bodyLines < 0) s.maildrop().retrieved(m);
        return Status.SENT;
    }
}
