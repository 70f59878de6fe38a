package org.slotmail.store.record;

/** A stored value failed its checksum or could not be decoded: it must not be served. */
public final class RecordCorruptedException extends RuntimeException {
    public RecordCorruptedException(String message) {
        super(message);
    }

    public RecordCorruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
