package org.slotmail.store.kv;

/** Reads of one consistent state: a snapshot, or a batch over the committed state. */
public interface KvView {
    /** The value of a key, or null. */
    byte[] get(Table table, byte[] key);

    /** The values of several keys of one table (null where a key has none), in the keys' order. */
    default java.util.List<byte[]> getAll(Table table, java.util.List<byte[]> keys) {
        var values = new java.util.ArrayList<byte[]>(keys.size());
        for (byte[] key : keys) values.add(get(table, key));
        return values;
    }

    /** Keys from {@code from} (inclusive) to {@code to} (exclusive; null for the end). */
    KvStore.Cursor scan(Table table, byte[] from, byte[] to);
}
