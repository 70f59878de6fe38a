package org.slotmail.slot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.mailbox.MailStore;
import org.slotmail.net.login.LoginGuard;
import org.slotmail.pop3.Pop3Server;
import org.slotmail.pop3.session.Pop3Settings;

/**
 * The slot's POP3 listeners: STLS on the POP3 port, implicit TLS on the POP3S port. Until
 * replication exists every slot is a master and serves clients.
 */
final class Pop3Wiring implements AutoCloseable {
    private final Pop3Server pop3;
    private final Pop3Server pop3s;

    private Pop3Wiring(Pop3Server pop3, Pop3Server pop3s) {
        this.pop3 = pop3;
        this.pop3s = pop3s;
    }

    static Pop3Wiring start(
            SlotConfig config, MailStore store, AccountDirectory directory, SSLContext tls, LoginGuard guard)
            throws IOException {
        var settings =
                Pop3Settings.defaults(config.hostName()).withTls(tls).withPlaintextLogins(config.plaintextLogins());
        Pop3Server pop3 = null;
        Pop3Server pop3s = null;
        try {
            if (config.ports().pop3() >= 0) {
                pop3 = new Pop3Server(
                        store,
                        directory,
                        settings,
                        address(config, config.ports().pop3()),
                        false,
                        () -> true,
                        guard);
                pop3.start();
            }
            if (config.ports().pop3s() >= 0) {
                pop3s = new Pop3Server(
                        store,
                        directory,
                        settings,
                        address(config, config.ports().pop3s()),
                        true,
                        () -> true,
                        guard);
                pop3s.start();
            }
        } catch (IOException | RuntimeException e) {
            if (pop3 != null) pop3.close();
            if (pop3s != null) pop3s.close();
            throw e;
        }
        return new Pop3Wiring(pop3, pop3s);
    }

    private static InetSocketAddress address(SlotConfig config, int port) {
        return new InetSocketAddress(config.bindAddress(), port);
    }

    /** The POP3 (STLS) address, or null when that listener is off. */
    InetSocketAddress pop3Address() {
        return pop3 == null ? null : pop3.localAddress();
    }

    InetSocketAddress pop3sAddress() {
        return pop3s == null ? null : pop3s.localAddress();
    }

    void stop(Duration grace) {
        if (pop3 != null) pop3.stop(grace);
        if (pop3s != null) pop3s.stop(grace);
    }

    @Override
    public void close() {
        if (pop3 != null) pop3.close();
        if (pop3s != null) pop3s.close();
    }
}
