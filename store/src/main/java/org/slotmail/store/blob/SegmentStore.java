package org.slotmail.store.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slotmail.mailbox.Guid;

/**
 * The segment files of one slot. Appends go to the active segment under one lock and are not
 * synced; {@link #syncDirty()} makes every append so far durable with one sync per touched
 * segment (group commit). Sealed segments never change. Reads check the SHA-256 before any byte
 * is handed out.
 */
public final class SegmentStore implements AutoCloseable {
    /** Blobs up to this size are checked and served from memory; larger ones in two passes. */
    private static final int IN_MEMORY_READ = 1 << 20;

    private final Path dir;
    private final long maxSegmentBytes;
    private final ReentrantLock appendLock = new ReentrantLock();
    // Held for a whole sync: a caller must not return while another caller's sync of bytes it
    // depends on is still running.
    private final ReentrantLock syncLock = new ReentrantLock();
    private final Set<FileChannel> dirty = new HashSet<>();
    private final Map<Long, FileChannel> readers = new ConcurrentHashMap<>();
    private long activeId;
    private FileChannel active;
    private long activeSize;

    public SegmentStore(Path dir, long maxSegmentBytes) {
        this.dir = dir;
        this.maxSegmentBytes = maxSegmentBytes;
        try {
            Files.createDirectories(dir);
            long last = segmentIds().stream().mapToLong(Long::longValue).max().orElse(0);
            // A crash may leave a torn entry at the end of the last segment; nothing points at it,
            // so appending after it is safe. Start a fresh segment anyway to keep sealed ones whole.
            openActive(last + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open segments in " + dir, e);
        }
    }

    /** Opens the segments of a slot for reading only (inspection while a server may be running). */
    public static SegmentStore readOnly(Path dir) {
        return new SegmentStore(dir);
    }

    private SegmentStore(Path dir) {
        this.dir = dir;
        this.maxSegmentBytes = 0;
    }

    public Path dir() {
        return dir;
    }

    /** Appends a blob held in memory. The caller has computed its SHA-256. */
    public BlobLocation append(Guid guid, byte[] data) {
        return append(guid, data.length, data, null);
    }

    /** Appends a blob spooled to a file. */
    public BlobLocation append(Guid guid, Path file, long length) {
        return append(guid, length, null, file);
    }

    /** Writes header and payload at the end of the active segment, positionally (no append mode, no size lookups). */
    private BlobLocation append(Guid guid, long length, byte[] data, Path file) {
        if (active == null) throw new IllegalStateException("segments opened read-only");
        appendLock.lock();
        try {
            if (activeSize > 0 && activeSize + SegmentEntry.HEADER_SIZE + length > maxSegmentBytes) rollOver();
            long offset = activeSize;
            var header = new SegmentEntry(length, guid.bytes()).header();
            try {
                if (data != null) {
                    // One gathering write for a message held in memory: one system call.
                    var parts = new ByteBuffer[] {header, ByteBuffer.wrap(data)};
                    active.position(offset);
                    while (parts[1].hasRemaining()) active.write(parts);
                } else {
                    long pos = offset;
                    while (header.hasRemaining()) pos += active.write(header, pos);
                    try (var in = FileChannel.open(file, StandardOpenOption.READ)) {
                        long done = 0;
                        active.position(pos);
                        while (done < length) done += in.transferTo(done, length - done, active);
                    }
                }
            } catch (IOException e) {
                // Leave nothing half-written in the middle: later appends start after what was written.
                activeSize = sizeOf(active);
                throw new UncheckedIOException("cannot append to segment " + activeId, e);
            }
            activeSize += SegmentEntry.HEADER_SIZE + length;
            dirty.add(active);
            return new BlobLocation(activeId, offset, length);
        } finally {
            appendLock.unlock();
        }
    }

    /** Makes every append made so far durable. */
    public void syncDirty() {
        syncLock.lock();
        try {
            List<FileChannel> toSync;
            appendLock.lock();
            try {
                if (dirty.isEmpty()) return;
                toSync = new ArrayList<>(dirty);
                dirty.clear();
            } finally {
                appendLock.unlock();
            }
            for (FileChannel ch : toSync) {
                try {
                    ch.force(false);
                } catch (java.nio.channels.ClosedChannelException e) {
                    // Sealed and closed by a roll-over, which synced it first.
                } catch (IOException e) {
                    throw new UncheckedIOException("segment sync failed", e);
                }
            }
        } finally {
            syncLock.unlock();
        }
    }

    /** Whether the entry at this location is whole and holds these bytes (recovery uses this). */
    public boolean holds(BlobLocation location, Guid guid) {
        try {
            verify(location, guid);
            return true;
        } catch (BlobCorruptedException | UncheckedIOException e) {
            return false;
        }
    }

    private void rollOver() throws UncheckedIOException {
        try {
            active.force(false);
            dirty.remove(active);
            active.close();
            openActive(activeId + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a new segment", e);
        }
    }

    private void openActive(long id) throws IOException {
        activeId = id;
        active = FileChannel.open(
                path(id), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        activeSize = active.size();
        // Make the new file's directory entry durable, or a crash could lose the whole segment.
        try (var d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private static long sizeOf(FileChannel ch) {
        try {
            return ch.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path(long segment) {
        return dir.resolve(String.format("seg-%08d.dat", segment));
    }

    /** The ids of every segment file present, ascending. */
    public List<Long> segmentIds() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("seg-\\d{8}\\.dat"))
                    .map(n -> Long.parseLong(n.substring(4, 12)))
                    .sorted()
                    .toList();
        }
    }

    /**
     * The exact bytes of a blob, checked against its GUID before the first byte is returned.
     * Throws {@link BlobCorruptedException} on any mismatch.
     */
    public InputStream open(BlobLocation location, Guid guid) {
        if (location.length() <= IN_MEMORY_READ) {
            // One read of header and payload; the copy handed out is the copy that was hashed.
            var b = ByteBuffer.allocate(SegmentEntry.HEADER_SIZE + (int) location.length());
            readFully(reader(location.segment()), b, location.offset());
            b.flip();
            checkHeader(SegmentEntry.parse(b), location, guid);
            byte[] data = new byte[(int) location.length()];
            b.get(data);
            if (!Guid.of(sha256().digest(data)).equals(guid)) {
                throw new BlobCorruptedException("blob " + guid + " fails its SHA-256");
            }
            return new ByteArrayInputStream(data);
        }
        verify(location, guid);
        return new SegmentInputStream(
                reader(location.segment()), location.offset() + SegmentEntry.HEADER_SIZE, location.length());
    }

    private static void checkHeader(SegmentEntry entry, BlobLocation location, Guid guid) {
        if (entry.length() != location.length() || !Guid.of(entry.sha256()).equals(guid)) {
            throw new BlobCorruptedException("segment entry does not match blob " + guid);
        }
    }

    /** Checks a blob's header and re-hashes its payload. */
    public void verify(BlobLocation location, Guid guid) {
        FileChannel ch = reader(location.segment());
        var header = ByteBuffer.allocate(SegmentEntry.HEADER_SIZE);
        readFully(ch, header, location.offset());
        checkHeader(SegmentEntry.parse(header.flip()), location, guid);
        var sha = sha256();
        var buf = ByteBuffer.allocate((int) Math.min(location.length(), 1 << 16));
        long pos = location.offset() + SegmentEntry.HEADER_SIZE, left = location.length();
        while (left > 0) {
            buf.clear().limit((int) Math.min(buf.capacity(), left));
            readFully(ch, buf, pos);
            sha.update(buf.flip());
            pos += buf.limit();
            left -= buf.limit();
        }
        if (!Guid.of(sha.digest()).equals(guid))
            throw new BlobCorruptedException("blob " + guid + " fails its SHA-256");
    }

    static void readFully(FileChannel ch, ByteBuffer b, long position) {
        try {
            while (b.hasRemaining()) {
                int n = ch.read(b, position);
                if (n < 0) throw new BlobCorruptedException("segment is shorter than its index says");
                position += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("segment read failed", e);
        }
    }

    private FileChannel reader(long segment) {
        return readers.computeIfAbsent(segment, id -> {
            try {
                return FileChannel.open(path(id), StandardOpenOption.READ);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new BlobCorruptedException("segment " + id + " is missing");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open segment " + id, e);
            }
        });
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        appendLock.lock();
        try {
            if (active != null) {
                active.force(false);
                active.close();
                active = null;
            }
            for (FileChannel ch : readers.values()) ch.close();
            readers.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("closing segments", e);
        } finally {
            appendLock.unlock();
        }
    }
}
