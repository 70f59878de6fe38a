package org.slotmail.store.mailbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MailboxListener;

/** Who wants to hear about committed changes to which mailbox (IMAP IDLE, replication). */
final class Listeners {
    private static final Logger log = LoggerFactory.getLogger(Listeners.class);
    private final Map<MailboxId, List<MailboxListener>> byMailbox = new ConcurrentHashMap<>();
    private final List<MailboxListener> everything = new CopyOnWriteArrayList<>();

    AutoCloseable add(MailboxId mailbox, MailboxListener listener) {
        byMailbox.computeIfAbsent(mailbox, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> byMailbox.computeIfPresent(mailbox, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    AutoCloseable addForAll(MailboxListener listener) {
        everything.add(listener);
        return () -> everything.remove(listener);
    }

    void fire(MailboxId mailbox) {
        for (MailboxListener l : byMailbox.getOrDefault(mailbox, List.of())) notify(l, mailbox);
        for (MailboxListener l : everything) notify(l, mailbox);
    }

    private static void notify(MailboxListener l, MailboxId mailbox) {
        try {
            l.changed(mailbox);
        } catch (RuntimeException e) {
            log.atError().setCause(e).log("mailbox listener failed");
        }
    }
}
