package org.slotmail.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxInfo;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.UidSet;
import org.slotmail.store.mailbox.SlotStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slotmail mail}: read-only inspection of what a slot stores, on a running or stopped slot. */
@Command(
        name = "mail",
        description = "Inspect stored mail (read-only; works while the server runs).",
        mixinStandardHelpOptions = true,
        subcommands = {MailCommand.Ls.class, MailCommand.Cat.class})
final class MailCommand implements Runnable {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void run() {
        throw new CliException("say what to do: mail ls USER [MAILBOX], or mail cat USER MAILBOX UID");
    }

    /** A bare local part names an account only when exactly one stored account has it. */
    private static java.util.Optional<Account> byLocalPart(SlotStore store, String localPart) {
        String prefix = localPart.toLowerCase(java.util.Locale.ROOT) + "@";
        var matches = store.accounts().stream()
                .filter(a -> a.address().startsWith(prefix))
                .toList();
        return matches.size() == 1 ? store.storedAccount(matches.getFirst().address()) : java.util.Optional.empty();
    }

    /** Opens the slot holding the user's mail, read-only. */
    static <T> T withUser(Path data, String user, java.util.function.BiFunction<SlotStore, Account, T> action) {
        for (Path slot : SlotDirs.resolve(data)) {
            try (var store = SlotStore.openReadOnly(slot)) {
                var account = user.contains("@") ? store.storedAccount(user) : byLocalPart(store, user);
                if (account.isPresent()) return action.apply(store, account.get());
            }
        }
        throw new CliException("no mail stored for " + user + " under " + data);
    }

    @Command(
            name = "ls",
            description = "List a user's mailboxes, or the messages of one mailbox.",
            mixinStandardHelpOptions = true)
    static final class Ls implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "USER")
        String user;

        @Parameters(index = "1", paramLabel = "MAILBOX", arity = "0..1")
        String mailbox;

        @Mixin
        DataOption data;

        @Option(names = "--json", description = "machine-readable output")
        boolean json;

        @Override
        public Integer call() {
            PrintStream out = System.out;
            return withUser(data.dir, user, (store, account) -> {
                var mail = store.account(account);
                if (mailbox == null) {
                    var rows = new ArrayList<Map<String, Object>>();
                    for (MailboxInfo i : mail.list()) {
                        var row = new LinkedHashMap<String, Object>();
                        row.put("name", i.name().value());
                        row.put("id", i.id().toString());
                        row.put("messages", i.messages());
                        row.put("unseen", i.unseen());
                        row.put("bytes", i.size());
                        row.put("uidvalidity", i.uidValidity());
                        row.put("uidnext", i.uidNext());
                        row.put("highestmodseq", i.highestModSeq());
                        row.put("synccrc", String.format("%08x", i.syncCrc()));
                        row.put(
                                "specialuse",
                                i.specialUse().stream()
                                        .map(u -> u.attribute())
                                        .sorted()
                                        .toList());
                        rows.add(row);
                    }
                    if (json) out.println(json(rows));
                    else {
                        out.printf(
                                "%-24s %8s %8s %12s %12s %8s %14s %8s%n",
                                "MAILBOX",
                                "MESSAGES",
                                "UNSEEN",
                                "BYTES",
                                "UIDVALIDITY",
                                "UIDNEXT",
                                "HIGHESTMODSEQ",
                                "SYNCCRC");
                        for (var r : rows) {
                            out.printf(
                                    "%-24s %8d %8d %12d %12d %8d %14d %8s%n",
                                    r.get("name"),
                                    r.get("messages"),
                                    r.get("unseen"),
                                    r.get("bytes"),
                                    r.get("uidvalidity"),
                                    r.get("uidnext"),
                                    r.get("highestmodseq"),
                                    r.get("synccrc"));
                        }
                    }
                    return 0;
                }
                List<MessageRecord> records =
                        mail.open(new MailboxName(mailbox)).fetch(UidSet.ALL);
                if (json) {
                    var rows = new ArrayList<Map<String, Object>>();
                    for (MessageRecord r : records) {
                        var row = new LinkedHashMap<String, Object>();
                        row.put("uid", r.uid());
                        row.put("modseq", r.modSeq());
                        row.put("flags", r.flags().names());
                        row.put("internaldate", r.internalDate().toString());
                        row.put("size", r.size());
                        row.put("guid", r.guid().hex());
                        rows.add(row);
                    }
                    out.println(json(rows));
                } else {
                    out.printf("%8s %10s %10s  %-64s  %s%n", "UID", "MODSEQ", "SIZE", "GUID", "FLAGS");
                    for (MessageRecord r : records) {
                        out.printf(
                                "%8d %10d %10d  %-64s  %s%n",
                                r.uid(), r.modSeq(), r.size(), r.guid().hex(), r.flags());
                    }
                }
                return 0;
            });
        }
    }

    @Command(
            name = "cat",
            description = "Write one message's exact bytes to standard output.",
            mixinStandardHelpOptions = true)
    static final class Cat implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "USER")
        String user;

        @Parameters(index = "1", paramLabel = "MAILBOX")
        String mailbox;

        @Parameters(index = "2", paramLabel = "UID")
        long uid;

        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            return withUser(data.dir, user, (store, account) -> {
                // content() checks the SHA-256 before handing out the first byte: damage is an error, never output.
                try (InputStream in =
                        store.account(account).open(new MailboxName(mailbox)).content(uid)) {
                    in.transferTo(System.out);
                    System.out.flush();
                    return 0;
                } catch (java.io.IOException e) {
                    throw new MailboxException(MailboxException.Reason.STORAGE_FAILURE, e.getMessage(), e);
                }
            });
        }
    }
}
