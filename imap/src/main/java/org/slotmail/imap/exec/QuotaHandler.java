package org.slotmail.imap.exec;

import java.io.IOException;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.GetQuota;
import org.slotmail.imap.syntax.GetQuotaRoot;
import org.slotmail.mailbox.QuotaLimits;
import org.slotmail.mailbox.QuotaUsage;

/**
 * QUOTA (RFC 9208): one quota root, "", covering the whole account, with STORAGE in units of
 * 1024 octets and MESSAGE counts. Limits are the administrator's: SETQUOTA is refused.
 */
final class QuotaHandler {
    private QuotaHandler() {}

    static Completion getQuotaRoot(GetQuotaRoot command, Session s) throws IOException {
        s.mail().open(s.mailboxName(command.mailbox()));
        s.out().raw("* QUOTAROOT ").astring(command.mailbox()).raw(" \"\"").end();
        writeQuota(s);
        return Completion.ok("GETQUOTAROOT completed");
    }

    static Completion getQuota(GetQuota command, Session s) throws IOException {
        if (!command.root().isEmpty()) return Completion.no("NONEXISTENT", "no such quota root");
        writeQuota(s);
        return Completion.ok("GETQUOTA completed");
    }

    static Completion setQuota() {
        return Completion.no("NOPERM", "quotas are set by the administrator");
    }

    private static void writeQuota(Session s) throws IOException {
        QuotaLimits limits = s.account().quota();
        QuotaUsage usage = s.mail().quotaUsage();
        var out = s.out();
        out.raw("* QUOTA \"\" (");
        boolean first = true;
        if (limits.maxBytes() > 0) {
            out.raw("STORAGE ").number((usage.bytes() + 1023) / 1024).sp().number(limits.maxBytes() / 1024);
            first = false;
        }
        if (limits.maxMessages() > 0) {
            if (!first) out.sp();
            out.raw("MESSAGE ").number(usage.messages()).sp().number(limits.maxMessages());
        }
        out.raw(")").end();
    }
}
