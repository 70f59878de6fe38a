package org.slotmail.store.kv;

/** Reads of one consistent state: a snapshot, or a batch over the committed state. */
public interface KvView {
    /** The value of a key, or null. */
    byte[] get(Table table, byte[] key);

    /** Keys from {@code from} (inclusive) to {@code to} (exclusive; null for the end). */
    KvStore.Cursor scan(Table table, byte[] from, byte[] to);
}
