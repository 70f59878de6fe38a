package org.slotmail.store.kv;

/** A failure of the metadata database; {@link #corruption()} tells damage from other I/O errors. */
public final class KvException extends RuntimeException {
    private final boolean corruption;

    KvException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private KvException(String message, Throwable cause, boolean corruption) {
        super(message, cause);
        this.corruption = corruption;
    }

    static KvException of(String what, org.rocksdb.RocksDBException e) {
        var status = e.getStatus();
        boolean corrupt = status != null && status.getCode() == org.rocksdb.Status.Code.Corruption;
        return new KvException("metadata " + what + " failed: " + e.getMessage(), e, corrupt);
    }

    public boolean corruption() {
        return corruption;
    }
}
