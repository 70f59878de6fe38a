package org.slotmail.store.blob;

/** Stored message bytes failed their hash or header check: they are not served. */
public final class BlobCorruptedException extends RuntimeException {
    public BlobCorruptedException(String message) {
        super(message);
    }
}
