package org.slotmail.slot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.slotmail.lmtp.LmtpServer;
import org.slotmail.lmtp.LmtpSettings;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.mailbox.MailStore;

/** The slot's LMTP listener: local delivery into this slot's store, with STARTTLS. */
final class LmtpWiring implements AutoCloseable {
    private final LmtpServer server;

    private LmtpWiring(LmtpServer server) {
        this.server = server;
    }

    static LmtpWiring start(SlotConfig config, MailStore store, AccountDirectory directory, SSLContext tls)
            throws IOException {
        var settings = LmtpSettings.defaults(config.hostName())
                .withMaxMessageSize(config.maxMessageSize())
                .withTls(tls);
        var server = new LmtpServer(
                store,
                directory,
                settings,
                new InetSocketAddress(config.bindAddress(), config.ports().lmtp()));
        server.start();
        return new LmtpWiring(server);
    }

    InetSocketAddress address() {
        return server.localAddress();
    }

    void stop(Duration grace) {
        server.stop(grace);
    }

    @Override
    public void close() {
        server.close();
    }
}
