package org.slotmail.bench.imap;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * The rows that time one command on a logged-in connection: what each trial sets up (untimed),
 * the one command it times from writing it to reading its tagged OK, and the answer a correct
 * server gives, which every trial checks.
 */
enum TimedCommand {
    /** SELECT INBOX (RFC 9051 §6.3.2): the time to the tagged OK. */
    SELECT("select"),
    /** What a client fetches to list a mailbox it has not cached. */
    FETCH_SUMMARY("fetch-summary"),
    /** What a client fetches to refresh flags without CONDSTORE. */
    FETCH_FLAGS("fetch-flags"),
    /** RFC 7162 §3.1.4 resynchronisation after another session changed the flags of 1 % of the messages. */
    FETCH_CHANGED("fetch-changedsince"),
    /** UID SEARCH BODY for a word in 1 % of the messages. */
    SEARCH_BODY("search-body");

    static final String SUMMARY_ITEMS = "(UID FLAGS RFC822.SIZE INTERNALDATE ENVELOPE BODYSTRUCTURE)";

    private final String label;

    TimedCommand(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static TimedCommand byLabel(String label) {
        for (TimedCommand c : values()) if (c.label.equals(label)) return c;
        throw new IllegalArgumentException("unknown row " + label);
    }

    /**
     * One trial: a fresh connection, login and (except for the SELECT row) SELECT INBOX, then the
     * timed command. A server error, a wrong count or a broken connection is a failed trial, not
     * an exception.
     *
     * @param number the trial's number on this server, from 0; FETCH_CHANGED needs it to pick a
     *     different 1 % each time, so every trial changes as many messages
     */
    Trial run(Target target, Account account, long messages, int number, boolean warmup, Duration timeout) {
        return run(target, account, messages, number, warmup, timeout, Duration.ZERO);
    }

    /**
     * As above; in FETCH_CHANGED the resynchronising client comes back {@code away} after the
     * other session's change, as a client that was offline while the change happened does.
     */
    Trial run(
            Target target,
            Account account,
            long messages,
            int number,
            boolean warmup,
            Duration timeout,
            Duration away) {
        try (ImapConnection c = ImapConnection.login(target, null, account, timeout)) {
            return switch (this) {
                case SELECT -> {
                    long start = System.nanoTime();
                    long bytesBefore = c.bytesRead();
                    ImapConnection.MailboxState state = c.select("INBOX", false);
                    long nanos = System.nanoTime() - start;
                    yield checked(target, number, warmup, nanos, state.exists(), c.bytesRead() - bytesBefore, messages);
                }
                case FETCH_SUMMARY -> fetch(c, target, number, warmup, "UID FETCH 1:* " + SUMMARY_ITEMS, messages);
                case FETCH_FLAGS -> fetch(c, target, number, warmup, "UID FETCH 1:* (FLAGS)", messages);
                case FETCH_CHANGED -> fetchChanged(c, target, account, number, warmup, timeout, away);
                case SEARCH_BODY -> search(c, target, number, warmup, messages);
            };
        } catch (IOException | RuntimeException e) {
            return Trial.failed(label, target.name(), number, warmup, describe(e));
        }
    }

    private Trial fetch(ImapConnection c, Target target, int number, boolean warmup, String command, long expected)
            throws IOException {
        c.select("INBOX", false);
        long[] fetches = {0};
        long bytesBefore = c.bytesRead();
        long start = System.nanoTime();
        ImapConnection.Completion done = c.run(command, r -> {
            if (r.isFetch()) fetches[0]++;
        });
        long nanos = System.nanoTime() - start;
        done.orThrow(command);
        return checked(target, number, warmup, nanos, fetches[0], c.bytesRead() - bytesBefore, expected);
    }

    /**
     * Another session first sets \Flagged on every message whose UID is {@code number} modulo 100
     * (about 1 %, none of them flagged before), then, {@code away} later, a new session that
     * remembers HIGHESTMODSEQ from before the change selects the mailbox and asks what changed
     * since, as a reconnecting CONDSTORE client does.
     */
    private Trial fetchChanged(
            ImapConnection reader,
            Target target,
            Account account,
            int number,
            boolean warmup,
            Duration timeout,
            Duration away)
            throws IOException {
        long modSeqBefore;
        long changed = 0;
        try (ImapConnection changer = ImapConnection.login(target, null, account, timeout)) {
            ImapConnection.MailboxState state = changer.select("INBOX", true);
            if (state.highestModSeq() < 0) throw new ImapConnection.CommandFailed("SELECT gave no HIGHESTMODSEQ");
            modSeqBefore = state.highestModSeq();
            StringBuilder uids = new StringBuilder();
            long first = number % 100 == 0 ? 100 : number % 100;
            for (long uid = first; uid < state.uidNext(); uid += 100) {
                uids.append(uids.isEmpty() ? "" : ",").append(uid);
                changed++;
            }
            if (changed == 0) throw new IllegalStateException("no message to change");
            changer.run("UID STORE " + uids + " +FLAGS.SILENT (\\Flagged)", r -> {})
                    .orThrow("UID STORE");
            changer.logout();
        }
        if (away.isPositive()) {
            try {
                Thread.sleep(away);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while away", e);
            }
        }
        reader.select("INBOX", true);
        String command = "UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + modSeqBefore + ")";
        long[] fetches = {0};
        long bytesBefore = reader.bytesRead();
        long start = System.nanoTime();
        ImapConnection.Completion done = reader.run(command, r -> {
            if (r.isFetch()) fetches[0]++;
        });
        long nanos = System.nanoTime() - start;
        done.orThrow(command);
        return checked(target, number, warmup, nanos, fetches[0], reader.bytesRead() - bytesBefore, changed);
    }

    private Trial search(ImapConnection c, Target target, int number, boolean warmup, long messages)
            throws IOException {
        c.select("INBOX", false);
        String command = "UID SEARCH BODY " + MailboxCorpus.SEARCH_WORD;
        long[] hits = {0};
        long bytesBefore = c.bytesRead();
        long start = System.nanoTime();
        ImapConnection.Completion done = c.run(command, r -> {
            if (r.startsAt(0, "* SEARCH")) hits[0] += countNumbers(r.text());
        });
        long nanos = System.nanoTime() - start;
        done.orThrow(command);
        return checked(
                target,
                number,
                warmup,
                nanos,
                hits[0],
                c.bytesRead() - bytesBefore,
                MailboxCorpus.searchHits(messages));
    }

    private static long countNumbers(String searchResponse) {
        String[] tokens = searchResponse.substring("* SEARCH".length()).trim().split(" +");
        return tokens.length == 1 && tokens[0].isEmpty() ? 0 : tokens.length;
    }

    private Trial checked(
            Target target, int number, boolean warmup, long nanos, long responses, long bytes, long expected) {
        String failure = responses == expected ? null : "expected " + expected + " answers, got " + responses;
        return new Trial(label, target.name(), number, warmup, nanos, responses, bytes, failure);
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        String kind = e instanceof ImapConnection.CommandFailed
                ? ""
                : e.getClass().getSimpleName().toLowerCase(Locale.ROOT) + ": ";
        return kind + (message == null ? "" : message);
    }
}
