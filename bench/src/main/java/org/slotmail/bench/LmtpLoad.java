package org.slotmail.bench;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * LMTP delivery load generator: N sessions deliver M messages of S bytes, each to R recipients,
 * and print one {@code lmtp-load key=value ...} line. Each message waits for all its per-recipient
 * replies before the session sends the next, so a 250 is counted only once the server says the
 * message is stored (for a server that syncs before replying: durable).
 *
 * <p>Exit status: 0 when every reply was positive, 1 when any reply was not or a session broke
 * off, 2 when the command line is wrong.
 */
@Command(
        name = "lmtp-load",
        mixinStandardHelpOptions = true,
        description = "Delivers messages over LMTP and reports messages/s and per-message latency.",
        sortOptions = false)
public final class LmtpLoad implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "LMTP server address (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", required = true, description = "LMTP server port")
    int port;

    @Option(
            names = {"-c", "--sessions"},
            defaultValue = "1",
            description = "concurrent LMTP sessions (default: ${DEFAULT-VALUE})")
    int sessions;

    @Option(
            names = {"-n", "--messages"},
            defaultValue = "10000",
            description = "measured messages, shared by all sessions (default: ${DEFAULT-VALUE})")
    long messages;

    @Option(
            names = {"-s", "--size"},
            defaultValue = "4k",
            converter = ByteSizeConverter.class,
            description =
                    "exact size of each message in bytes, headers included; 4k, 64k... (default: ${DEFAULT-VALUE})")
    int size;

    @Option(
            names = {"-r", "--recipients"},
            defaultValue = "1",
            description = "recipients per message (default: ${DEFAULT-VALUE})")
    int recipients;

    @Option(
            names = "--first-user",
            defaultValue = "1",
            description = "recipients are <prefix>K@<domain> for K from this number (default: ${DEFAULT-VALUE})")
    int firstUser;

    @Option(names = "--user-prefix", defaultValue = "user", description = "(default: ${DEFAULT-VALUE})")
    String userPrefix;

    @Option(names = "--domain", defaultValue = "example.com", description = "(default: ${DEFAULT-VALUE})")
    String domain;

    @Option(
            names = "--sender",
            defaultValue = "bench@example.net",
            description = "envelope sender (default: ${DEFAULT-VALUE})")
    String sender;

    @Option(
            names = "--warmup",
            defaultValue = "0",
            description = "unmeasured messages delivered first, after connecting (default: ${DEFAULT-VALUE})")
    long warmup;

    @Option(
            names = "--no-pipelining",
            description = "one command per round trip even where the server offers PIPELINING")
    boolean noPipelining;

    @Option(
            names = "--timeout",
            defaultValue = "120",
            description = "seconds to wait for any one reply before giving up (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(
            names = "--announce-measuring",
            description = "print 'measuring' to stderr when the warm-up is over and the clock starts"
                    + " (bench/lmtp/cpu.sh samples the server's CPU counters then)")
    boolean announceMeasuring;

    @Option(names = "--label", defaultValue = "", description = "copied into the result line, e.g. the server's name")
    String label;

    @Override
    public Integer call() throws InterruptedException {
        validate();
        String runId = HexFormat.of()
                .toHexDigits(ThreadLocalRandom.current().nextLong())
                .substring(0, 10);
        LoadPlan plan = new LoadPlan(
                new InetSocketAddress(host, port),
                sessions,
                messages,
                warmup,
                sender,
                recipientAddresses(),
                new MessageFactory(size, sender, runId, 5322),
                !noPipelining,
                Duration.ofSeconds(timeoutSeconds),
                announceMeasuring);
        PrintStream err = System.err;
        LoadResult result = LoadRun.run(plan, label, err);
        System.out.println(result.line());
        if (!result.clean()) {
            err.println("lmtp-load: " + result.failedReplies() + " failed replies, " + result.sessionErrors()
                    + " sessions ended early");
            return 1;
        }
        return 0;
    }

    private List<String> recipientAddresses() {
        List<String> addresses = new ArrayList<>(recipients);
        for (int k = firstUser; k < firstUser + recipients; k++) {
            addresses.add(userPrefix + k + "@" + domain);
        }
        return addresses;
    }

    private void validate() {
        CommandLine cl = spec.commandLine();
        if (sessions < 1 || recipients < 1 || messages < 1 || warmup < 0 || timeoutSeconds < 1) {
            throw new ParameterException(
                    cl, "--sessions, --recipients, --messages and --timeout must be positive, --warmup not negative");
        }
        if (port < 1 || port > 65535) {
            throw new ParameterException(cl, "--port must be 1-65535");
        }
        try {
            new MessageFactory(size, sender, "0123456789", 0).create(Long.MAX_VALUE, recipientAddresses());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, "--size: " + e.getMessage());
        }
    }

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new LmtpLoad()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("lmtp-load: " + LoadRun.describe(e));
            return 2;
        });
        System.exit(commandLine.execute(args));
    }
}
