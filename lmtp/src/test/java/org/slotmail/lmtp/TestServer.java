package org.slotmail.lmtp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.QuotaLimits;

/**
 * A running LmtpServer on a free loopback port over the in-memory store, with three accounts:
 * alice (with a "Lists" folder), bob, and green, whose quota holds 200 bytes.
 */
final class TestServer implements AutoCloseable {
    static final String HOST = "lmtp.test.example";

    final MemoryMailStore store = new MemoryMailStore();
    final MemoryDirectory directory = new MemoryDirectory();
    final Account alice = directory.add("alice@example.com", QuotaLimits.UNLIMITED);
    final Account bob = directory.add("bob@example.com", QuotaLimits.UNLIMITED);
    final Account green = directory.add("green@example.com", new QuotaLimits(200, 0));
    final LmtpServer server;
    private final List<LmtpClient> clients = new ArrayList<>();

    TestServer() {
        this(LmtpSettings.defaults(HOST));
    }

    TestServer(LmtpSettings settings) {
        this(settings, () -> true);
    }

    TestServer(LmtpSettings settings, org.slotmail.lmtp.session.LmtpSession.Role role) {
        store.createFolder(alice, "Lists");
        server = new LmtpServer(
                store, directory, settings, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), role);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LmtpClient connect() throws IOException {
        var client = new LmtpClient(server.localAddress());
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    @Override
    public void close() throws IOException {
        synchronized (clients) {
            for (var c : clients) c.close();
        }
        server.stop(Duration.ofSeconds(5));
    }
}
