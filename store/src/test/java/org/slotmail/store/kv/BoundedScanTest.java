package org.slotmail.store.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans and last-key lookups stop at their range inside RocksDB; these check they still see
 * exactly the range's live keys when deleted and live keys lie on both sides of it.
 */
class BoundedScanTest {
    @TempDir
    Path dir;

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] key) {
        return key == null ? null : new String(key, StandardCharsets.US_ASCII);
    }

    private static List<String> keys(KvStore.Cursor c) {
        var out = new ArrayList<String>();
        for (; c.valid(); c.next()) out.add(new String(c.key(), StandardCharsets.US_ASCII));
        return out;
    }

    @Test
    void aRangeBetweenDeletedAndLiveKeysYieldsExactlyItsLiveKeys() {
        try (var kv = KvStore.open(dir)) {
            try (var b = kv.batch()) {
                for (String k : List.of("a1", "a2", "b1", "b2", "b3", "c1", "c2", "c3", "d1"))
                    b.put(Table.CHANNELS, key(k), key("v"));
                kv.commit(b, true);
            }
            try (var b = kv.batch()) {
                for (String k : List.of("a2", "b1", "c1", "c2")) b.delete(Table.CHANNELS, key(k));
                kv.commit(b, true);
            }
            try (var r = kv.reader();
                    var c = r.scan(Table.CHANNELS, key("b"), key("c"))) {
                assertThat(keys(c)).containsExactly("b2", "b3");
            }
            try (var r = kv.reader();
                    var c = r.scan(Table.CHANNELS, key("b2"), null)) {
                assertThat(keys(c)).containsExactly("b2", "b3", "c3", "d1");
            }
            try (var r = kv.reader()) {
                assertThat(text(r.lastKey(Table.CHANNELS, key("b"), key("c")))).isEqualTo("b3");
                assertThat(r.lastKey(Table.CHANNELS, key("c"), key("c3"))).isNull();
                assertThat(text(r.lastKey(Table.CHANNELS, key("c"), null))).isEqualTo("d1");
            }
            // A batch's own writes over the committed state, within the same bounds.
            try (var b = kv.batch()) {
                b.put(Table.CHANNELS, key("b4"), key("v"));
                b.delete(Table.CHANNELS, key("b2"));
                b.put(Table.CHANNELS, key("c0"), key("v"));
                try (var c = b.scan(Table.CHANNELS, key("b"), key("c"))) {
                    assertThat(keys(c)).containsExactly("b3", "b4");
                }
            }
        }
    }
}
