package org.slotmail.store.kv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ChecksumType;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatchWithIndex;
import org.rocksdb.WriteOptions;

/**
 * A slot's metadata database: the only class that talks to RocksDB. It offers ordered tables of
 * byte keys and values, snapshot reads, and batches that can read their own writes and are
 * committed atomically with a synced WAL.
 */
public final class KvStore implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final RocksDB db;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final BloomFilter bloom = new BloomFilter(10);
    /**
     * Blocks kept in memory, shared by every table. RocksDB's own default (32 MB) is smaller than
     * the records and cached summaries of one 100,000-message mailbox, so a FETCH over it would
     * read and checksum every block again from the page cache; measured, a scan of 100,000
     * records took 23 ms that way and 13 ms from this cache. It only holds blocks that were read.
     */
    static final long BLOCK_CACHE_BYTES = 256L << 20;

    private final org.rocksdb.Cache blockCache = new org.rocksdb.LRUCache(BLOCK_CACHE_BYTES);
    private final Map<Table, ColumnFamilyHandle> handles = new EnumMap<>(Table.class);
    private final List<ColumnFamilyHandle> allHandles;
    // Made once: a commit is on every delivery's path and options are native objects.
    private final WriteOptions syncWrite = new WriteOptions().setSync(true);
    private final WriteOptions asyncWrite = new WriteOptions().setSync(false);
    private final boolean readOnly;

    private KvStore(Path dir, boolean readOnly) {
        this.readOnly = readOnly;
        this.dbOptions = new DBOptions()
                .setCreateIfMissing(!readOnly)
                .setCreateMissingColumnFamilies(!readOnly)
                .setParanoidChecks(true)
                .setKeepLogFileNum(5)
                .setInfoLogLevel(org.rocksdb.InfoLogLevel.WARN_LEVEL);
        // No compression: a damaged byte then spoils one record, not a whole block, so `check`
        // can name what is damaged. Block checksums stay on, beside our per-record CRC32C.
        // Bloom filters, in table files and in the memtable: every delivery looks up a blob by
        // its random GUID, and the answer is almost always "absent"; without a filter each such
        // miss reads and checksums a data block of every table file.
        var table = new BlockBasedTableConfig()
                .setChecksumType(ChecksumType.kCRC32c)
                .setBlockCache(blockCache)
                .setFilterPolicy(bloom);
        this.cfOptions = new ColumnFamilyOptions()
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setMemtablePrefixBloomSizeRatio(0.05)
                .setMemtableWholeKeyFiltering(true)
                .setTableFormatConfig(table);
        var descriptors = new ArrayList<ColumnFamilyDescriptor>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
        for (Table t : Table.values())
            descriptors.add(new ColumnFamilyDescriptor(t.familyName().getBytes(), cfOptions));
        this.allHandles = new ArrayList<>();
        try {
            if (!readOnly) Files.createDirectories(dir);
            this.db = readOnly
                    ? RocksDB.openReadOnly(dbOptions, dir.toString(), descriptors, allHandles)
                    : RocksDB.open(dbOptions, dir.toString(), descriptors, allHandles);
        } catch (RocksDBException e) {
            throw new KvException("cannot open metadata database " + dir + ": " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new KvException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        for (Table t : Table.values()) handles.put(t, allHandles.get(t.ordinal() + 1));
    }

    /** Opens (creating if needed) the database in {@code dir} for reading and writing. */
    public static KvStore open(Path dir) {
        return new KvStore(dir, false);
    }

    /**
     * Opens the database read-only, as it was last made durable, while another process may have
     * it open for writing (used by inspection commands).
     */
    public static KvStore openReadOnly(Path dir) {
        if (!Files.isDirectory(dir)) throw new KvException("no metadata database at " + dir, null);
        return new KvStore(dir, true);
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** The committed value of a key, or null. Block checksums are verified. */
    public byte[] get(Table table, byte[] key) {
        try {
            return db.get(handles.get(table), key);
        } catch (RocksDBException e) {
            throw KvException.of("read", e);
        }
    }

    /** A consistent view of the committed state; close it when done. */
    public Reader reader() {
        return new Reader(true);
    }

    /**
     * A view that does not verify RocksDB's block checksums, so a damaged record can still be
     * read back and named by its own CRC32C. Only for checking, never for serving.
     */
    public Reader unverifiedReader() {
        return new Reader(false);
    }

    /** A new batch of writes that can read through to the committed state. */
    public Batch batch() {
        return new Batch();
    }

    /** Commits a batch atomically; with {@code sync} the WAL is synced before this returns. */
    public void commit(Batch batch, boolean sync) {
        try {
            db.write(sync ? syncWrite : asyncWrite, batch.wb);
        } catch (RocksDBException e) {
            throw KvException.of("commit", e);
        }
    }

    /** Writes every memtable to table files (tests use this to put data into SST files). */
    public void flush() {
        try (var fo = new FlushOptions().setWaitForFlush(true)) {
            db.flush(fo, allHandles);
        } catch (RocksDBException e) {
            throw KvException.of("flush", e);
        }
    }

    /** Verifies RocksDB's own checksums of every table file; the message names a damaged file. */
    public void verifyFileChecksums() {
        try {
            db.verifyChecksum();
        } catch (RocksDBException e) {
            throw KvException.of("verify", e);
        }
    }

    @Override
    public void close() {
        for (ColumnFamilyHandle h : allHandles) h.close();
        db.close();
        syncWrite.close();
        asyncWrite.close();
        dbOptions.close();
        cfOptions.close();
        bloom.close();
        blockCache.close();
    }

    /** An ordered cursor over part of a table. */
    public interface Cursor extends AutoCloseable {
        boolean valid();

        byte[] key();

        byte[] value();

        void next();

        @Override
        void close();
    }

    private static Cursor cursor(RocksIterator it, byte[] from, byte[] to, Runnable onClose) {
        it.seek(from);
        return new Cursor() {
            // The current key, fetched once: each call into RocksDB copies it into a new array,
            // and a scan of 100,000 records would otherwise do that twice per record.
            private byte[] key;

            @Override
            public boolean valid() {
                if (!it.isValid()) {
                    try {
                        it.status();
                    } catch (RocksDBException e) {
                        throw KvException.of("scan", e);
                    }
                    return false;
                }
                return to == null || compare(key(), to) < 0;
            }

            @Override
            public byte[] key() {
                if (key == null) key = it.key();
                return key;
            }

            @Override
            public byte[] value() {
                return it.value();
            }

            @Override
            public void next() {
                key = null;
                it.next();
            }

            @Override
            public void close() {
                onClose.run();
            }
        };
    }

    /**
     * Read options that stop an iterator at [{@code from}, {@code to}) inside RocksDB. Without them
     * a cursor that has passed its last key still asks RocksDB for the next one, which steps over
     * every deleted key before the next live one, however far: past the end of one channel's queue
     * lie the tombstones of the next channel's acknowledged entries, tens of thousands of them at
     * a thousand deliveries a second (measured: 15 ms per read of the first channel's queue).
     */
    private record Bounds(ReadOptions options, Slice lower, Slice upper) implements AutoCloseable {
        static Bounds of(ReadOptions base, byte[] from, byte[] to) {
            var options = new ReadOptions(base); // the same snapshot and checksum setting
            Slice lower = new Slice(from);
            options.setIterateLowerBound(lower);
            Slice upper = null;
            if (to != null) {
                upper = new Slice(to);
                options.setIterateUpperBound(upper);
            }
            return new Bounds(options, lower, upper);
        }

        @Override
        public void close() {
            options.close();
            lower.close();
            if (upper != null) upper.close();
        }
    }

    static int compare(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b);
    }

    /** Reads of the committed state as of one moment. */
    public final class Reader implements KvView, AutoCloseable {
        private final Snapshot snapshot;
        private final ReadOptions options;

        private Reader(boolean verify) {
            this.snapshot = db.getSnapshot();
            this.options = new ReadOptions().setSnapshot(snapshot).setVerifyChecksums(verify);
        }

        public byte[] get(Table table, byte[] key) {
            try {
                return db.get(handles.get(table), options, key);
            } catch (RocksDBException e) {
                throw KvException.of("read", e);
            }
        }

        /** One batched lookup: for a thousand keys, several times faster than a thousand gets. */
        @Override
        public List<byte[]> getAll(Table table, List<byte[]> keys) {
            if (keys.isEmpty()) return List.of();
            try {
                return db.multiGetAsList(options, java.util.Collections.nCopies(keys.size(), handles.get(table)), keys);
            } catch (RocksDBException e) {
                throw KvException.of("read", e);
            }
        }

        /** Keys from {@code from} (inclusive) to {@code to} (exclusive; null for the end). */
        @Override
        public Cursor scan(Table table, byte[] from, byte[] to) {
            var bounds = Bounds.of(options, from, to);
            RocksIterator it = db.newIterator(handles.get(table), bounds.options());
            return cursor(it, from, to, () -> {
                it.close();
                bounds.close();
            });
        }

        /** The last key in [{@code from}, {@code to}), or null when there is none. */
        public byte[] lastKey(Table table, byte[] from, byte[] to) {
            try (var bounds = Bounds.of(options, from, to);
                    RocksIterator it = db.newIterator(handles.get(table), bounds.options())) {
                if (to == null) it.seekToLast();
                else {
                    it.seekForPrev(to);
                    if (it.isValid() && compare(it.key(), to) >= 0) it.prev();
                }
                return it.isValid() && compare(it.key(), from) >= 0 ? it.key() : null;
            }
        }

        @Override
        public void close() {
            options.close();
            db.releaseSnapshot(snapshot);
        }
    }

    /** Writes gathered for one atomic commit, readable (with the committed state below) before it. */
    public final class Batch implements KvView, AutoCloseable {
        private final WriteBatchWithIndex wb = new WriteBatchWithIndex(true);
        private final ReadOptions readOptions = new ReadOptions();

        public byte[] get(Table table, byte[] key) {
            try {
                return wb.getFromBatchAndDB(db, handles.get(table), readOptions, key);
            } catch (RocksDBException e) {
                throw KvException.of("read", e);
            }
        }

        public void put(Table table, byte[] key, byte[] value) {
            try {
                wb.put(handles.get(table), key, value);
            } catch (RocksDBException e) {
                throw KvException.of("write", e);
            }
        }

        public void delete(Table table, byte[] key) {
            try {
                wb.delete(handles.get(table), key);
            } catch (RocksDBException e) {
                throw KvException.of("write", e);
            }
        }

        /** Scans this batch's writes over the committed state. */
        public Cursor scan(Table table, byte[] from, byte[] to) {
            var bounds = Bounds.of(readOptions, from, to);
            RocksIterator base = db.newIterator(handles.get(table), bounds.options());
            RocksIterator it = wb.newIteratorWithBase(handles.get(table), base, bounds.options());
            return cursor(it, from, to, () -> {
                it.close();
                base.close();
                bounds.close();
            });
        }

        public void setSavePoint() {
            wb.setSavePoint();
        }

        public void popSavePoint() {
            try {
                wb.popSavePoint();
            } catch (RocksDBException e) {
                throw KvException.of("savepoint", e);
            }
        }

        public void rollbackToSavePoint() {
            try {
                wb.rollbackToSavePoint();
            } catch (RocksDBException e) {
                throw KvException.of("rollback", e);
            }
        }

        public boolean isEmpty() {
            return wb.count() == 0;
        }

        @Override
        public void close() {
            readOptions.close();
            wb.close();
        }
    }
}
