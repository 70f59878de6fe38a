package org.slotmail.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.slotmail.cluster.accounts.AccountAddress;
import org.slotmail.cluster.accounts.AccountExistsException;
import org.slotmail.cluster.accounts.AccountInfo;
import org.slotmail.cluster.accounts.Accounts;
import org.slotmail.cluster.accounts.Argon2Cost;
import org.slotmail.cluster.accounts.ByteSize;
import org.slotmail.cluster.accounts.PasswordHasher;
import org.slotmail.cluster.db.ClusterDatabase;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.QuotaLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code slotmail user}: accounts in the cluster database; a running server sees changes at once. */
@Command(
        name = "user",
        description = "Add, list, change and delete accounts.",
        mixinStandardHelpOptions = true,
        subcommands = {
            UserCommand.Add.class,
            UserCommand.ListAccounts.class,
            UserCommand.Passwd.class,
            UserCommand.Quota.class,
            UserCommand.Delete.class
        })
public final class UserCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: add, list, passwd, quota or delete");
    }

    /** What every user subcommand shares: the data directory and one-line failures. */
    abstract static class AccountsCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--data",
                paramLabel = "DIR",
                defaultValue = "./data",
                description = "data directory holding cluster.db (default: ${DEFAULT-VALUE})")
        Path data;

        @Override
        public final Integer call() {
            try {
                run(spec.commandLine().getOut());
                return 0;
            } catch (UncheckedIOException e) {
                return fail(e.getCause());
            } catch (IOException | RuntimeException e) {
                // Account, database and input errors all carry one-line messages for operators.
                return fail(e);
            } finally {
                spec.commandLine().getOut().flush();
            }
        }

        abstract void run(PrintWriter out) throws IOException;

        private int fail(Throwable e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            PrintWriter err = spec.commandLine().getErr();
            err.println("slotmail: " + reason.lines().findFirst().orElse(""));
            err.flush();
            return 1;
        }

        static Accounts accounts(ClusterDatabase database) {
            return new Accounts(database, new PasswordHasher(Argon2Cost.DEFAULT));
        }
    }

    /** Where a new password comes from; the terminal unless told otherwise. */
    abstract static class PasswordCommand extends AccountsCommand {
        @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
        boolean passwordStdin;

        char[] readPassword(String address) throws IOException {
            return passwordStdin ? PasswordInput.firstLine(System.in) : PasswordInput.twiceFromTerminal(address);
        }
    }

    @Command(name = "add", description = "Add an account.", mixinStandardHelpOptions = true)
    static final class Add extends PasswordCommand {
        @Parameters(paramLabel = "NAME", description = "the account's address, local@domain")
        String name;

        @Option(
                names = "--quota",
                paramLabel = "SIZE",
                converter = SizeConverter.class,
                description = "storage limit, e.g. 500M, 2G, 1024K or bytes (default: unlimited)")
        ByteSize quota = new ByteSize(0);

        @Option(names = "--max-messages", paramLabel = "N", description = "message count limit (default: unlimited)")
        long maxMessages;

        @Override
        void run(PrintWriter out) throws IOException {
            String address = AccountAddress.parse(name).toString(); // before anything is created or asked
            QuotaLimits limits = limits(quota.bytes(), maxMessages);
            try (ClusterDatabase database = ClusterDatabase.create(data)) {
                Accounts accounts = accounts(database);
                // Checked before asking, so nobody types a password twice to learn it was in vain.
                if (accounts.find(address).isPresent()) throw new AccountExistsException(address);
                char[] password = readPassword(address);
                try {
                    Account account = accounts.add(address, password, limits);
                    out.println("added " + account.address() + " (id " + account.id() + ", quota "
                            + describe(account.quota()) + ")");
                } finally {
                    Arrays.fill(password, '\0');
                }
            }
        }
    }

    @Command(name = "list", description = "List accounts: address, quota, created.", mixinStandardHelpOptions = true)
    static final class ListAccounts extends AccountsCommand {
        @Option(names = "--json", description = "print a JSON array, for scripts")
        boolean json;

        @Override
        void run(PrintWriter out) {
            try (ClusterDatabase database = ClusterDatabase.open(data)) {
                var accounts = accounts(database).list();
                if (json) printJson(out, accounts);
                else printTable(out, accounts);
            }
        }

        private static void printTable(PrintWriter out, List<AccountInfo> accounts) {
            int width = "ADDRESS".length();
            for (AccountInfo a : accounts)
                width = Math.max(width, a.account().address().length());
            String row = "%-" + width + "s  %-24s  %s%n";
            out.printf(row, "ADDRESS", "QUOTA", "CREATED");
            for (AccountInfo a : accounts) {
                out.printf(row, a.account().address(), describe(a.account().quota()), created(a));
            }
        }

        private static void printJson(PrintWriter out, List<AccountInfo> accounts) {
            out.println("[");
            for (int i = 0; i < accounts.size(); i++) {
                AccountInfo a = accounts.get(i);
                out.printf(
                        "  {\"id\": %d, \"address\": %s, \"quotaBytes\": %d, \"quotaMessages\": %d, \"created\": %s}%s%n",
                        a.account().id(),
                        jsonString(a.account().address()),
                        a.account().quota().maxBytes(),
                        a.account().quota().maxMessages(),
                        jsonString(created(a)),
                        i < accounts.size() - 1 ? "," : "");
            }
            out.println("]");
        }

        private static String created(AccountInfo a) {
            return a.created().truncatedTo(ChronoUnit.SECONDS).toString();
        }
    }

    @Command(name = "passwd", description = "Change an account's password.", mixinStandardHelpOptions = true)
    static final class Passwd extends PasswordCommand {
        @Parameters(paramLabel = "NAME", description = "the account's address")
        String name;

        @Override
        void run(PrintWriter out) throws IOException {
            try (ClusterDatabase database = ClusterDatabase.open(data)) {
                Accounts accounts = accounts(database);
                String address = accounts.get(name).account().address(); // fails before asking
                char[] password = readPassword(address);
                try {
                    accounts.setPassword(address, password);
                    out.println("changed the password of " + address);
                } finally {
                    Arrays.fill(password, '\0');
                }
            }
        }
    }

    @Command(name = "quota", description = "Change an account's quota.", mixinStandardHelpOptions = true)
    static final class Quota extends AccountsCommand {
        @Parameters(paramLabel = "NAME", description = "the account's address")
        String name;

        @Option(
                names = "--quota",
                paramLabel = "SIZE",
                converter = SizeConverter.class,
                description = "storage limit, e.g. 500M, 2G, 1024K or bytes; 0 = unlimited")
        ByteSize quota;

        @Option(names = "--max-messages", paramLabel = "N", description = "message count limit; 0 = unlimited")
        Long maxMessages;

        @Override
        void run(PrintWriter out) {
            if (quota == null && maxMessages == null) {
                throw new IllegalArgumentException("give --quota SIZE, --max-messages N or both");
            }
            try (ClusterDatabase database = ClusterDatabase.open(data)) {
                Accounts accounts = accounts(database);
                QuotaLimits old = accounts.get(name).account().quota();
                QuotaLimits limits = limits(
                        quota == null ? old.maxBytes() : quota.bytes(),
                        maxMessages == null ? old.maxMessages() : maxMessages);
                Account account = accounts.setQuota(name, limits);
                out.println("quota of " + account.address() + ": " + describe(account.quota()));
            }
        }
    }

    @Command(
            name = "delete",
            description = "Delete an account; its mail is purged from its slots later.",
            mixinStandardHelpOptions = true)
    static final class Delete extends AccountsCommand {
        @Parameters(paramLabel = "NAME", description = "the account's address")
        String name;

        @Override
        void run(PrintWriter out) {
            try (ClusterDatabase database = ClusterDatabase.open(data)) {
                Account account = accounts(database).delete(name);
                out.println("deleted " + account.address() + " (id " + account.id() + ")");
            }
        }
    }

    /** Reads {@code --quota} values; picocli reports the message as an invalid value. */
    static final class SizeConverter implements ITypeConverter<ByteSize> {
        @Override
        public ByteSize convert(String value) {
            try {
                return ByteSize.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static QuotaLimits limits(long bytes, long messages) {
        if (messages < 0) throw new IllegalArgumentException("--max-messages cannot be negative");
        return new QuotaLimits(bytes, messages);
    }

    static String describe(QuotaLimits quota) {
        if (quota.maxBytes() == 0 && quota.maxMessages() == 0) return "unlimited";
        String bytes = quota.maxBytes() == 0 ? "unlimited" : new ByteSize(quota.maxBytes()).toString();
        return quota.maxMessages() == 0 ? bytes : bytes + ", " + quota.maxMessages() + " messages";
    }

    // Addresses are validated ASCII, but the escaping does not rely on it.
    static String jsonString(String s) {
        StringBuilder json = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) json.append(String.format("\\u%04x", (int) c));
                    else json.append(c);
                }
            }
        }
        return json.append('"').toString();
    }
}
