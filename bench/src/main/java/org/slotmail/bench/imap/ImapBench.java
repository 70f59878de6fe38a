package org.slotmail.bench.imap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slotmail.cluster.accounts.Argon2Cost;
import org.slotmail.cluster.accounts.PasswordHasher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The IMAP benchmark's load generator, one binary for every server under test: fills mailboxes,
 * times single commands with servers interleaved, runs the mixed load and the idle crowd, and
 * prints one {@code key=value} line per result for {@code bench/imap/run.sh} to collect.
 */
@Command(
        name = "imap-bench",
        mixinStandardHelpOptions = true,
        description = "IMAP benchmark load generator (see bench/imap/run.sh)",
        subcommands = {
            ImapBench.Fill.class,
            ImapBench.Row.class,
            ImapBench.Mixed.class,
            ImapBench.Idle.class,
            ImapBench.Hash.class
        })
public final class ImapBench implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new ImapBench()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("imap-bench: " + TimedCommand.describe(e));
            return 2;
        });
        System.exit(commandLine.execute(args));
    }

    /** Options every command that logs in shares. */
    static final class Login {
        @Option(names = "--user", required = true, description = "account to log in as")
        String user;

        @Option(names = "--password-file", required = true, description = "file whose first line is the password")
        Path passwordFile;

        @Option(
                names = "--timeout",
                defaultValue = "600",
                description = "seconds to wait for any one response (default: ${DEFAULT-VALUE})")
        int timeoutSeconds;

        Account account() throws IOException {
            String password =
                    Files.readAllLines(passwordFile, StandardCharsets.UTF_8).getFirst();
            return new Account(user, password);
        }

        Duration timeout() {
            return Duration.ofSeconds(timeoutSeconds);
        }
    }

    /** Fills one account's INBOX over LMTP and/or writes the same messages as a Maildir. */
    @Command(name = "fill", mixinStandardHelpOptions = true, description = "deliver a mailbox's messages")
    static final class Fill implements Callable<Integer> {
        @Option(names = "--user", required = true, description = "the account (recipient)")
        String user;

        @Option(names = "--messages", required = true, description = "how many messages")
        long messages;

        @Option(names = "--lmtp", description = "host:port of an LMTP server to deliver to")
        String lmtp;

        @Option(names = "--sessions", defaultValue = "8", description = "LMTP sessions (default: ${DEFAULT-VALUE})")
        int sessions;

        @Option(names = "--maildir", description = "a Maildir to write the same messages into")
        Path maildir;

        @Override
        public Integer call() throws Exception {
            MailboxCorpus corpus = MailboxCorpus.forAccount(user);
            StringBuilder line = new StringBuilder("imap-fill user=" + user + " messages=" + messages);
            if (lmtp != null) {
                int colon = lmtp.lastIndexOf(':');
                var server =
                        new InetSocketAddress(lmtp.substring(0, colon), Integer.parseInt(lmtp.substring(colon + 1)));
                long start = System.nanoTime();
                LmtpFeeder.deliver(server, corpus, user, messages, sessions, Duration.ofMinutes(5));
                line.append(String.format(Locale.ROOT, " lmtp_s=%.1f", (System.nanoTime() - start) / 1e9));
            }
            if (maildir != null) {
                long start = System.nanoTime();
                long bytes = MaildirWriter.write(maildir, corpus, messages, 4);
                line.append(String.format(
                        Locale.ROOT, " maildir_s=%.1f maildir_bytes=%d", (System.nanoTime() - start) / 1e9, bytes));
            }
            line.append(" search_hits=").append(MailboxCorpus.searchHits(messages));
            System.out.println(line);
            return 0;
        }
    }

    /** Times one single-command row: warm-up trials, then measured ones, servers interleaved. */
    @Command(name = "row", mixinStandardHelpOptions = true, description = "time one command against each server")
    static final class Row implements Callable<Integer> {
        @Option(
                names = "--row",
                required = true,
                description = "select, fetch-summary, fetch-flags, fetch-changedsince or search-body")
        String row;

        @Option(names = "--target", required = true, description = "name=host:port, once per server")
        List<String> targets;

        @Option(names = "--messages", required = true, description = "messages in the INBOX (to check answers)")
        long messages;

        @Option(names = "--warmup", defaultValue = "1", description = "unmeasured trials per server first")
        int warmup;

        @Option(names = "--runs", defaultValue = "3", description = "measured trials per server")
        int runs;

        @Option(
                names = "--first-trial",
                defaultValue = "0",
                description =
                        "number of the first trial; fetch-changedsince flags the UIDs equal to the trial"
                                + " number modulo 100, so calls on one mailbox must use numbers apart (default: ${DEFAULT-VALUE})")
        int firstTrial;

        @Option(
                names = "--away-ms",
                defaultValue = "1000",
                description = "fetch-changedsince: how long after the other session's change the resynchronising"
                        + " client comes back and asks, in ms; 0 asks at once (default: ${DEFAULT-VALUE})")
        long awayMillis;

        @Mixin
        Login login;

        private Duration away() {
            if (awayMillis < 0) throw new IllegalArgumentException("--away-ms must not be negative");
            return Duration.ofMillis(awayMillis);
        }

        @Override
        public Integer call() throws IOException {
            TimedCommand command = TimedCommand.byLabel(row);
            List<Target> servers = targets.stream().map(Target::parse).toList();
            Account account = login.account();
            List<Trial> measured = new ArrayList<>();
            int number = firstTrial;
            for (int w = 0; w < warmup; w++, number++) {
                for (Target t : servers)
                    print(command.run(t, account, messages, number, true, login.timeout(), away()));
            }
            for (int r = 0; r < runs; r++, number++) {
                // Alternate which server goes first, so drift of the machine does not favour one.
                List<Target> order = new ArrayList<>(servers);
                if (r % 2 == 1) Collections.reverse(order);
                for (Target t : order) {
                    Trial trial = command.run(t, account, messages, number, false, login.timeout(), away());
                    print(trial);
                    measured.add(trial);
                }
            }
            for (Target t : runs == 0 ? List.<Target>of() : servers) {
                List<Trial> mine = measured.stream()
                        .filter(x -> x.target().equals(t.name()))
                        .toList();
                System.out.println(summary(command.label(), t.name(), mine));
            }
            return 0;
        }

        private static void print(Trial trial) {
            System.out.println(trial.line());
            System.out.flush();
        }

        /** The median over measured trials; a row with any failed trial reports the first failure. */
        static String summary(String row, String target, List<Trial> trials) {
            String failure = trials.stream()
                    .filter(t -> !t.ok())
                    .map(Trial::failure)
                    .findFirst()
                    .orElse(null);
            double[] ms = trials.stream()
                    .filter(Trial::ok)
                    .mapToDouble(Trial::millis)
                    .sorted()
                    .toArray();
            String runs = String.join(
                    "/",
                    trials.stream()
                            .map(t -> t.ok() ? String.format(Locale.ROOT, "%.1f", t.millis()) : "failed")
                            .toList());
            long responses = trials.stream().mapToLong(Trial::responses).max().orElse(-1);
            long bytes = trials.stream().mapToLong(Trial::bytes).max().orElse(-1);
            return String.format(
                    Locale.ROOT,
                    "imap-row row=%s target=%s median_ms=%s runs_ms=%s responses=%d bytes=%d ok=%s%s",
                    row,
                    target,
                    failure != null || ms.length == 0 ? "-" : String.format(Locale.ROOT, "%.2f", median(ms)),
                    runs,
                    responses,
                    bytes,
                    failure == null ? "yes" : "no",
                    failure == null ? "" : " failure=\"" + failure.replace('"', '\'') + "\"");
        }

        static double median(double[] sorted) {
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    /** The mixed load: warm-up run, then measured runs, servers interleaved. */
    @Command(name = "mixed", mixinStandardHelpOptions = true, description = "50 clients looping short sessions")
    static final class Mixed implements Callable<Integer> {
        @Option(names = "--target", required = true, description = "name=host:port, once per server")
        List<String> targets;

        @Option(
                names = "--clients",
                defaultValue = "50",
                description = "concurrent clients (default: ${DEFAULT-VALUE})")
        int clients;

        @Option(names = "--seconds", defaultValue = "30", description = "length of a measured run")
        int seconds;

        @Option(names = "--warmup-seconds", defaultValue = "10", description = "length of the warm-up run")
        int warmupSeconds;

        @Option(names = "--runs", defaultValue = "3", description = "measured runs per server")
        int runs;

        @Mixin
        Login login;

        @Override
        public Integer call() throws IOException, InterruptedException {
            List<Target> servers = targets.stream().map(Target::parse).toList();
            Account account = login.account();
            List<MixedLoad.Result> measured = new ArrayList<>();
            int number = 0;
            if (warmupSeconds > 0) {
                for (Target t : servers) {
                    System.out.println(MixedLoad.run(
                                    t,
                                    account,
                                    clients,
                                    Duration.ofSeconds(warmupSeconds),
                                    login.timeout(),
                                    number,
                                    true)
                            .line());
                }
                number++;
            }
            for (int r = 0; r < runs; r++, number++) {
                List<Target> order = new ArrayList<>(servers);
                if (r % 2 == 1) Collections.reverse(order);
                for (Target t : order) {
                    MixedLoad.Result result = MixedLoad.run(
                            t, account, clients, Duration.ofSeconds(seconds), login.timeout(), number, false);
                    System.out.println(result.line());
                    System.out.flush();
                    measured.add(result);
                }
            }
            for (Target t : servers) {
                List<MixedLoad.Result> mine = measured.stream()
                        .filter(x -> x.target().equals(t.name()))
                        .toList();
                double[] ops = mine.stream()
                        .mapToDouble(MixedLoad.Result::opsPerSecond)
                        .sorted()
                        .toArray();
                double[] p50 = mine.stream()
                        .mapToDouble(MixedLoad.Result::p50Millis)
                        .sorted()
                        .toArray();
                double[] p99 = mine.stream()
                        .mapToDouble(MixedLoad.Result::p99Millis)
                        .sorted()
                        .toArray();
                long failures =
                        mine.stream().mapToLong(MixedLoad.Result::failures).sum();
                String failure = mine.stream()
                        .map(MixedLoad.Result::firstFailure)
                        .filter(f -> f != null)
                        .findFirst()
                        .orElse(null);
                System.out.println(String.format(
                        Locale.ROOT,
                        "imap-mixed-row target=%s clients=%d runs=%d ops_per_s=%.1f p50_ms=%.2f p99_ms=%.2f"
                                + " runs_ops_per_s=%s failures=%d%s",
                        t.name(),
                        clients,
                        mine.size(),
                        Row.median(ops),
                        Row.median(p50),
                        Row.median(p99),
                        String.join(
                                "/",
                                mine.stream()
                                        .map(x -> String.format(Locale.ROOT, "%.1f", x.opsPerSecond()))
                                        .toList()),
                        failures,
                        failure == null ? "" : " failure=\"" + failure.replace('"', '\'') + "\""));
            }
            return 0;
        }
    }

    /** Memory per idle connection of one server. */
    @Command(name = "idle", mixinStandardHelpOptions = true, description = "server memory per connection in IDLE")
    static final class Idle implements Callable<Integer> {
        @Option(names = "--target", required = true, description = "name=host:port")
        String target;

        @Option(names = "--pid", required = true, description = "the server's process (its descendants count too)")
        long pid;

        @Option(names = "--jvm", description = "the server is a JVM: full GC before reading, and report its heap")
        boolean jvm;

        @Option(names = "--connections", defaultValue = "5000", description = "(default: ${DEFAULT-VALUE})")
        int connections;

        @Option(
                names = "--sources",
                defaultValue = "127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5,127.0.0.6,127.0.0.7",
                split = ",",
                description = "client addresses to connect from in turn (default: ${DEFAULT-VALUE})")
        List<String> sources;

        @Option(names = "--concurrency", defaultValue = "16", description = "logins in flight at once")
        int concurrency;

        @Option(names = "--settle", defaultValue = "5", description = "seconds to wait before each reading")
        int settle;

        @Mixin
        Login login;

        @Override
        public Integer call() throws IOException, InterruptedException {
            List<InetAddress> addresses = new ArrayList<>();
            for (String s : sources) addresses.add(InetAddress.getByName(s));
            IdleCrowd.Result result = IdleCrowd.run(
                    Target.parse(target),
                    login.account(),
                    pid,
                    jvm,
                    connections,
                    addresses,
                    concurrency,
                    Duration.ofSeconds(settle),
                    login.timeout());
            System.out.println(result.line());
            return 0;
        }
    }

    /** The password as a Dovecot passdb entry hashed exactly as Slotmail hashes it. */
    @Command(
            name = "hash",
            mixinStandardHelpOptions = true,
            description = "print {ARGON2ID}<PHC string> with Slotmail's default Argon2id cost, for Dovecot's passdb")
    static final class Hash implements Callable<Integer> {
        @Option(names = "--password-file", required = true)
        Path passwordFile;

        @Override
        public Integer call() throws IOException {
            char[] password = Files.readAllLines(passwordFile, StandardCharsets.UTF_8)
                    .getFirst()
                    .toCharArray();
            try {
                // Dovecot verifies PHC strings with libsodium, which reads the cost from the string.
                System.out.println("{ARGON2ID}" + new PasswordHasher(Argon2Cost.DEFAULT).hash(password));
            } finally {
                Arrays.fill(password, '\0');
            }
            return 0;
        }
    }
}
