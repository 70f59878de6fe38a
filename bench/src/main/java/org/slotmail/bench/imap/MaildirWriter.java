package org.slotmail.bench.imap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes messages {@code 0..count-1} of a corpus into a Maildir as Dovecot's own delivery leaves
 * them once a client has seen them: one file per message in {@code cur/}, LF line ends, and the
 * name {@code <time>.M<n>P<pid>.<host>,S=<bytes on disk>,W=<bytes with CRLF>:2,} so Dovecot takes
 * the sizes from the name instead of reading the file. Dovecot assigns UIDs and builds its index
 * the first time the mailbox is opened.
 */
final class MaildirWriter {
    private MaildirWriter() {}

    /** Writes the messages with a few threads and returns the bytes written. */
    static long write(Path maildir, MailboxCorpus corpus, long count, int threads)
            throws IOException, InterruptedException {
        for (String dir : List.of("cur", "new", "tmp")) Files.createDirectories(maildir.resolve(dir));
        long time = System.currentTimeMillis() / 1000;
        long pid = ProcessHandle.current().pid();
        AtomicLong next = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        try (var executor = Executors.newFixedThreadPool(threads)) {
            List<Future<Void>> running = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                running.add(executor.submit(() -> {
                    for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        byte[] crlf = corpus.message(i);
                        byte[] lf = withLfLineEnds(crlf);
                        String name =
                                time + ".M" + i + "P" + pid + ".slotbench,S=" + lf.length + ",W=" + crlf.length + ":2,";
                        Files.write(maildir.resolve("cur").resolve(name), lf);
                        bytes.addAndGet(lf.length);
                    }
                    return null;
                }));
            }
            for (Future<Void> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) throw io;
                    throw new IOException("writing the Maildir failed: " + e.getCause(), e.getCause());
                }
            }
        }
        return bytes.get();
    }

    /** The message as Dovecot stores it by default ({@code mail_save_crlf = no}). */
    static byte[] withLfLineEnds(byte[] crlf) {
        byte[] lf = new byte[crlf.length];
        int n = 0;
        for (int i = 0; i < crlf.length; i++) {
            if (crlf[i] == '\r' && i + 1 < crlf.length && crlf[i + 1] == '\n') continue;
            lf[n++] = crlf[i];
        }
        return java.util.Arrays.copyOf(lf, n);
    }
}
