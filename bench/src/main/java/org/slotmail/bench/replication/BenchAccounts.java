package org.slotmail.bench.replication;

import java.util.ArrayList;
import java.util.List;

/** The accounts the benchmark delivers to: {@code <prefix><n>@<domain>} for {@code count} numbers from {@code first}. */
record BenchAccounts(String prefix, String domain, int first, int count) {
    BenchAccounts {
        if (count < 1) throw new IllegalArgumentException("at least one account");
    }

    List<String> addresses() {
        var out = new ArrayList<String>(count);
        for (int n = first; n < first + count; n++) out.add(prefix + n + "@" + domain);
        return out;
    }

    /** The first {@code n} of these. */
    BenchAccounts firstOf(int n) {
        return new BenchAccounts(prefix, domain, first, Math.min(n, count));
    }
}
