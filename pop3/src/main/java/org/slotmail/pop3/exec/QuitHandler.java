package org.slotmail.pop3.exec;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.pop3.session.Session;
import org.slotmail.pop3.session.Status;

/**
 * QUIT (RFC 1939 §4, §6). Before login it only ends the session. After login it enters the UPDATE
 * state, which removes the messages marked as deleted; a connection that ends any other way never
 * gets there and removes nothing.
 */
final class QuitHandler {
    private static final Logger log = LoggerFactory.getLogger(QuitHandler.class);

    private QuitHandler() {}

    static Status quit(Session s) {
        String bye = s.settings().hostName() + " Slotmail POP3 signing off";
        if (s.state() != Session.State.TRANSACTION) {
            s.close();
            return Status.ok(bye);
        }
        s.enterUpdate();
        try {
            List<Long> removed = s.maildrop().update();
            return Status.ok(bye + " (" + removed.size() + " messages deleted)");
        } catch (MailboxException e) {
            log.atWarn()
                    .setMessage("UPDATE state failed; marked messages stay")
                    .addKeyValue("account", s.account().address())
                    .addKeyValue("reason", e.reason())
                    .log();
            return Status.err("SYS/TEMP", "some deleted messages not removed, try again later");
        } finally {
            s.close();
        }
    }
}
