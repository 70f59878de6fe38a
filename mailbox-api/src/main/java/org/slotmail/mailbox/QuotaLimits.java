package org.slotmail.mailbox;

/** Storage limits of an account; zero means unlimited. */
public record QuotaLimits(long maxBytes, long maxMessages) {
    public static final QuotaLimits UNLIMITED = new QuotaLimits(0, 0);

    public QuotaLimits {
        if (maxBytes < 0 || maxMessages < 0) throw new IllegalArgumentException("negative quota");
    }

    /** Whether adding this many bytes and messages to the usage stays within the limits. */
    public boolean allows(QuotaUsage usage, long addBytes, long addMessages) {
        return (maxBytes == 0 || usage.bytes() + addBytes <= maxBytes)
                && (maxMessages == 0 || usage.messages() + addMessages <= maxMessages);
    }
}
