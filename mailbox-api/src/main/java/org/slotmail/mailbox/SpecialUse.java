package org.slotmail.mailbox;

import java.util.Optional;

/** Special-use attributes of mailboxes (RFC 6154). */
public enum SpecialUse {
    ALL("\\All"),
    ARCHIVE("\\Archive"),
    DRAFTS("\\Drafts"),
    FLAGGED("\\Flagged"),
    JUNK("\\Junk"),
    SENT("\\Sent"),
    TRASH("\\Trash");

    private final String attribute;

    SpecialUse(String attribute) {
        this.attribute = attribute;
    }

    /** The attribute as IMAP spells it, e.g. {@code \Sent}. */
    public String attribute() {
        return attribute;
    }

    public static Optional<SpecialUse> fromAttribute(String attribute) {
        for (SpecialUse use : values()) {
            if (use.attribute.equalsIgnoreCase(attribute)) return Optional.of(use);
        }
        return Optional.empty();
    }
}
