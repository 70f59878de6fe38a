package org.slotmail.mailbox;

import java.util.Objects;
import java.util.UUID;

/** A mailbox's unique id: assigned at creation, kept across renames, the same on every replica. */
public record MailboxId(UUID value) {
    public MailboxId {
        Objects.requireNonNull(value);
    }

    public static MailboxId random() {
        return new MailboxId(UUID.randomUUID());
    }

    public static MailboxId parse(String text) {
        return new MailboxId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
