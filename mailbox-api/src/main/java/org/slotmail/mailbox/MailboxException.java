package org.slotmail.mailbox;

/**
 * A mailbox operation that could not be done. The reason maps one to one onto IMAP response
 * codes (RFC 5530) and LMTP/POP3 replies, so each protocol can answer precisely.
 */
public final class MailboxException extends RuntimeException {
    /** Why an operation failed. */
    public enum Reason {
        /** The mailbox or message does not exist. */
        NONEXISTENT,
        /** A mailbox with that name already exists. */
        ALREADY_EXISTS,
        /** The name is not acceptable. */
        INVALID_NAME,
        /** The operation is not allowed on this object (e.g. deleting INBOX). */
        CANNOT,
        /** The account's quota would be exceeded. */
        OVER_QUOTA,
        /** UIDs or MODSEQs have run out for this mailbox. */
        LIMIT,
        /** Stored data failed its checksum; it is not served. */
        CORRUPTED,
        /** The store is not accepting this now (shutting down, read-only, replica). */
        UNAVAILABLE,
        /** An I/O failure below the store. */
        STORAGE_FAILURE
    }

    private final Reason reason;

    public MailboxException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MailboxException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
