package org.slotmail.slot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slotmail.imap.ImapServer;
import org.slotmail.imap.session.ImapSettings;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.mailbox.MailStore;

/** The slot's IMAP listener. Until replication exists every slot is a master and serves clients. */
final class ImapWiring implements AutoCloseable {
    private final ImapServer server;

    private ImapWiring(ImapServer server) {
        this.server = server;
    }

    static ImapWiring start(SlotConfig config, MailStore store, AccountDirectory directory) throws IOException {
        var settings = ImapSettings.defaults(config.hostName(), config.maxMessageSize());
        var server = new ImapServer(
                store,
                directory,
                settings,
                new InetSocketAddress(config.bindAddress(), config.ports().imap()),
                () -> true);
        server.start();
        return new ImapWiring(server);
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
