package org.slotmail.bench.imap;

import java.util.Locale;

/**
 * One timed run of one row against one server: how long the timed command took, how many
 * answers it got against how many a correct server gives, and why it failed if it did.
 *
 * @param responses FETCH responses, SEARCH hits or EXISTS, depending on the row
 * @param failure null when the server answered OK with the expected count
 */
record Trial(
        String row, String target, int number, boolean warmup, long nanos, long responses, long bytes, String failure) {
    static Trial failed(String row, String target, int number, boolean warmup, String failure) {
        return new Trial(row, target, number, warmup, -1, -1, -1, failure);
    }

    boolean ok() {
        return failure == null;
    }

    double millis() {
        return nanos / 1e6;
    }

    /** {@code imap-trial key=value ...}, one line, the failure (if any) last and quoted. */
    String line() {
        return String.format(
                Locale.ROOT,
                "imap-trial row=%s target=%s trial=%d warmup=%s ms=%.2f responses=%d bytes=%d ok=%s%s",
                row,
                target,
                number,
                warmup ? "yes" : "no",
                ok() ? millis() : -1.0,
                responses,
                bytes,
                ok() ? "yes" : "no",
                ok() ? "" : " failure=\"" + failure.replace('"', '\'') + "\"");
    }
}
