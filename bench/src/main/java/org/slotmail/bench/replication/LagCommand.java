package org.slotmail.bench.replication;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.slotmail.bench.ByteSizeConverter;
import org.slotmail.bench.Delivery;
import org.slotmail.bench.LmtpClient;
import org.slotmail.bench.MessageFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code replication-bench lag}: replication lag at fixed delivery rates, one line per rate. */
@Command(
        name = "lag",
        mixinStandardHelpOptions = true,
        description = "Delivers at fixed rates and measures from each 250 to the message's visibility on a replica.",
        sortOptions = false)
final class LagCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(
            names = "--replica-sync",
            required = true,
            converter = AddressConverter.class,
            description = "the watched replica's sync server, host:port")
    InetSocketAddress replicaSync;

    @Option(names = "--channel", required = true, description = "the master's channel to that replica (e.g. s2)")
    String channel;

    @Option(
            names = "--rate",
            split = ",",
            defaultValue = "100,1000",
            description = "deliveries per second, one run each (default: ${DEFAULT-VALUE})")
    List<Integer> rates;

    @Option(
            names = "--seconds",
            defaultValue = "20",
            description = "measured seconds per rate (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(
            names = "--warmup-seconds",
            defaultValue = "5",
            description = "unmeasured seconds at the rate first (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(
            names = "--size",
            defaultValue = "3k",
            converter = ByteSizeConverter.class,
            description = "message size (default: ${DEFAULT-VALUE})")
    int size;

    @Option(
            names = "--poll-micros",
            defaultValue = "1000",
            description = "the watcher asks the replica at most this often (default: ${DEFAULT-VALUE})")
    long pollMicros;

    @Option(
            names = "--patience-seconds",
            defaultValue = "60",
            description = "how long after the last delivery a message may take to show (default: ${DEFAULT-VALUE})")
    int patienceSeconds;

    @Override
    public Integer call() throws Exception {
        var admin = store.admin();
        List<String> addresses = store.accounts().addresses();
        prime(addresses);
        if (!admin.drain(Duration.ofMinutes(2)).drained())
            throw new IllegalStateException("the master's channels did not drain after the first deliveries");
        try (var replica = store.sync().open(replicaSync)) {
            var inboxes = Inboxes.find(replica, addresses);
            var run = new LagRun(store.lmtp(), admin, channel, replica, inboxes);
            for (int rate : rates) {
                var plan = new LagPlan(
                        rate,
                        Duration.ofSeconds(warmupSeconds),
                        Duration.ofSeconds(seconds),
                        size,
                        Duration.ofNanos(pollMicros * 1000),
                        Duration.ofSeconds(patienceSeconds),
                        Duration.ofMinutes(2));
                System.err.printf(
                        "replication-bench: %d deliveries/s over %d connections, %d s + %d s...%n",
                        rate, addresses.size(), warmupSeconds, seconds);
                LagResult result = run.run(plan);
                System.out.println(result.line());
                System.out.flush();
                if (result.unseen() > 0) {
                    System.err.println(
                            "replication-bench: " + result.unseen() + " messages never showed on the replica");
                    return 1;
                }
            }
        }
        return 0;
    }

    /** One message to each account, so every INBOX exists on both sides before the first run. */
    private void prime(List<String> addresses) throws Exception {
        var messages = new MessageFactory(size, "bench@example.net", "primer0000", 1);
        try (var lmtp = LmtpClient.connect(store.lmtp(), "bench@example.net", Duration.ofMinutes(2), true)) {
            long n = 0;
            for (String address : addresses) {
                Delivery d = lmtp.deliver(messages.create(n++, List.of(address)), List.of(address));
                if (!d.failures().isEmpty())
                    throw new IllegalStateException("delivering to " + address + ": " + d.failures());
            }
        }
    }
}
