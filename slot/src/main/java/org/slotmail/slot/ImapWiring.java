package org.slotmail.slot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.slotmail.imap.ImapServer;
import org.slotmail.imap.session.ImapSettings;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.mailbox.MailStore;
import org.slotmail.net.login.LoginGuard;

/**
 * The slot's IMAP listeners: STARTTLS on the IMAP port, implicit TLS on the IMAPS port. Until
 * replication exists every slot is a master and serves clients.
 */
final class ImapWiring implements AutoCloseable {
    private final ImapServer imap;
    private final ImapServer imaps;

    private ImapWiring(ImapServer imap, ImapServer imaps) {
        this.imap = imap;
        this.imaps = imaps;
    }

    static ImapWiring start(
            SlotConfig config, MailStore store, AccountDirectory directory, SSLContext tls, LoginGuard guard)
            throws IOException {
        var settings = ImapSettings.defaults(config.hostName(), config.maxMessageSize())
                .withTls(tls)
                .withPlaintextLogins(config.plaintextLogins());
        ImapServer imap = null;
        ImapServer imaps = null;
        try {
            if (config.ports().imap() >= 0) {
                imap = new ImapServer(
                        store,
                        directory,
                        settings,
                        address(config, config.ports().imap()),
                        false,
                        () -> true,
                        guard);
                imap.start();
            }
            if (config.ports().imaps() >= 0) {
                imaps = new ImapServer(
                        store,
                        directory,
                        settings,
                        address(config, config.ports().imaps()),
                        true,
                        () -> true,
                        guard);
                imaps.start();
            }
        } catch (IOException | RuntimeException e) {
            if (imap != null) imap.close();
            if (imaps != null) imaps.close();
            throw e;
        }
        return new ImapWiring(imap, imaps);
    }

    private static InetSocketAddress address(SlotConfig config, int port) {
        return new InetSocketAddress(config.bindAddress(), port);
    }

    /** The IMAP (STARTTLS) address, or null when that listener is off. */
    InetSocketAddress imapAddress() {
        return imap == null ? null : imap.localAddress();
    }

    InetSocketAddress imapsAddress() {
        return imaps == null ? null : imaps.localAddress();
    }

    void stop(Duration grace) {
        if (imap != null) imap.stop(grace);
        if (imaps != null) imaps.stop(grace);
    }

    @Override
    public void close() {
        if (imap != null) imap.close();
        if (imaps != null) imaps.close();
    }
}
