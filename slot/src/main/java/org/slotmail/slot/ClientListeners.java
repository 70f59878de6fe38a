package org.slotmail.slot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.net.ProtocolServer;

/**
 * A slot's client-facing listeners (LMTP, IMAP, IMAPS, POP3, POP3S), which failover stops and
 * starts while the slot keeps running. They start all together or not at all; started again,
 * each listens on the port it had, even when its configured port was 0.
 */
final class ClientListeners {
    private static final Logger log = LoggerFactory.getLogger(ClientListeners.class);

    /** What builds one protocol's server for an address, and the port to bind it on. */
    record Kind(String protocol, int port, Function<InetSocketAddress, ProtocolServer> make) {}

    private final String slotId;
    private final String address;
    private final SequencedMap<String, Kind> kinds = new LinkedHashMap<>();
    private final Map<String, Integer> boundPorts = new LinkedHashMap<>();
    private final SequencedMap<String, ProtocolServer> running = new LinkedHashMap<>();
    private boolean up;

    ClientListeners(String slotId, String address, Iterable<Kind> kinds) {
        this.slotId = slotId;
        this.address = address;
        for (Kind k : kinds) this.kinds.put(k.protocol(), k);
    }

    /** Binds every listener that is not off; if one cannot bind, none is left running. */
    synchronized void start() throws IOException {
        if (up) return;
        try {
            for (Kind k : kinds.values()) {
                int port = boundPorts.getOrDefault(k.protocol(), k.port());
                if (port < 0) continue;
                ProtocolServer server = k.make().apply(new InetSocketAddress(address, port));
                try {
                    server.start();
                } catch (IOException e) {
                    server.close();
                    throw new IOException(
                            k.protocol().toUpperCase(Locale.ROOT) + " on " + address + ":" + port + ": "
                                    + e.getMessage(),
                            e);
                } catch (RuntimeException e) {
                    server.close();
                    throw e;
                }
                running.put(k.protocol(), server);
                boundPorts.put(k.protocol(), server.localAddress().getPort());
            }
        } catch (IOException | RuntimeException e) {
            closeAll(Duration.ZERO);
            throw e;
        }
        up = true;
        log.atInfo()
                .addKeyValue("slot", slotId)
                .addKeyValue("listeners", addresses())
                .log("client listeners up");
    }

    /** Stops every listener: idle sessions are told at once, running commands get up to {@code grace}. */
    synchronized void stop(Duration grace) {
        if (!up) return;
        closeAll(grace);
        up = false;
        log.atInfo().addKeyValue("slot", slotId).log("client listeners stopped");
    }

    private void closeAll(Duration grace) {
        // All at once: each waits out its own grace period, so the slowest decides, not their sum.
        var stopping = running.sequencedValues().reversed().stream()
                .map(server -> Thread.ofVirtual().start(() -> {
                    try {
                        server.stop(grace);
                    } catch (RuntimeException e) {
                        log.atWarn().setCause(e).log("stopping a listener failed");
                    }
                }))
                .toList();
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running.clear();
    }

    synchronized boolean up() {
        return up;
    }

    /** Where {@code protocol}'s listener accepts connections now, or null when it is off or stopped. */
    synchronized InetSocketAddress address(String protocol) {
        ProtocolServer server = running.get(protocol);
        return server == null ? null : server.localAddress();
    }

    /** Each running listener's address as {@code host:port}, by protocol, in a fixed order. */
    synchronized Map<String, String> addresses() {
        var out = new LinkedHashMap<String, String>();
        running.forEach((protocol, server) -> out.put(protocol, hostPort(server.localAddress())));
        return out;
    }

    static String hostPort(InetSocketAddress a) {
        String host = a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
