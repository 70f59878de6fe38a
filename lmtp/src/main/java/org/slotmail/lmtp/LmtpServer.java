package org.slotmail.lmtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import org.slotmail.lmtp.session.LmtpSession;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.mailbox.MailStore;
import org.slotmail.net.Connection;
import org.slotmail.net.ConnectionHandler;
import org.slotmail.net.Listener;
import org.slotmail.net.ProtocolServer;
import org.slotmail.net.Refusal;

/** An LMTP server (RFC 2033) delivering into one slot's store, one virtual thread per connection. */
public final class LmtpServer implements ProtocolServer {
    private final Listener listener;

    /** A server for {@code bind} (port 0 picks a free port); nothing listens until {@link #start()}. */
    public LmtpServer(MailStore store, AccountDirectory accounts, LmtpSettings settings, InetSocketAddress bind) {
        this(store, accounts, settings, bind, () -> true);
    }

    /**
     * As above; {@code role} says whether this slot takes deliveries now (a replica answers every
     * recipient 451 4.3.0, so the MTA retries).
     */
    public LmtpServer(
            MailStore store,
            AccountDirectory accounts,
            LmtpSettings settings,
            InetSocketAddress bind,
            LmtpSession.Role role) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(settings, "settings");
        this.listener = new Listener(settings.listenerSettings(bind), new ConnectionHandler() {
            @Override
            public void serve(Connection connection) throws IOException {
                new LmtpSession(connection, store, accounts, settings, role).run();
            }

            @Override
            public void refuse(Connection connection, Refusal why) throws IOException {
                LmtpSession.refuse(connection, why, settings);
            }
        });
    }

    /** Binds and starts accepting connections. */
    @Override
    public void start() throws IOException {
        listener.start();
    }

    /** The bound address; its port is the real one when port 0 was asked for. */
    @Override
    public InetSocketAddress localAddress() {
        return listener.localAddress();
    }

    public int port() {
        return listener.port();
    }

    /** Sessions being served now. */
    public int activeConnections() {
        return listener.activeConnections();
    }

    /**
     * Stops accepting; sessions waiting for a command get 421 at once, a DATA transfer or delivery in
     * progress gets up to {@code grace} to finish, then every connection is closed.
     */
    @Override
    public void stop(Duration grace) {
        listener.stop(grace);
    }

    @Override
    public void close() {
        listener.close();
    }
}
