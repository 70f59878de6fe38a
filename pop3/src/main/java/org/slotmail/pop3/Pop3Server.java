package org.slotmail.pop3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.mailbox.MailStore;
import org.slotmail.net.Connection;
import org.slotmail.net.ConnectionHandler;
import org.slotmail.net.Listener;
import org.slotmail.net.ProtocolServer;
import org.slotmail.net.Refusal;
import org.slotmail.net.login.LoginGuard;
import org.slotmail.pop3.session.Pop3Settings;
import org.slotmail.pop3.session.Session;

/** A POP3 server (RFC 1939) on one listener, one virtual thread per connection. */
public final class Pop3Server implements ProtocolServer {
    private final Listener listener;

    /**
     * A server for {@code bind} (port 0 picks a free port); nothing listens until {@link #start()}.
     * With {@code implicitTls} every connection starts with a TLS handshake (POP3S, RFC 8314 §3.3).
     * {@code role} says whether this slot serves clients now (a replica refuses logins).
     */
    public Pop3Server(
            MailStore store,
            AccountDirectory accounts,
            Pop3Settings settings,
            InetSocketAddress bind,
            boolean implicitTls,
            Session.Role role) {
        this(store, accounts, settings, bind, implicitTls, role, LoginGuard.standalone());
    }

    /**
     * As above, counting failed logins and sessions per account in {@code guard}, which the slot
     * shares between its POP3 and IMAP listeners: guessing over one protocol counts for both.
     */
    public Pop3Server(
            MailStore store,
            AccountDirectory accounts,
            Pop3Settings settings,
            InetSocketAddress bind,
            boolean implicitTls,
            Session.Role role,
            LoginGuard guard) {
        Objects.requireNonNull(guard, "guard");
        if (implicitTls && settings.tls() == null)
            throw new IllegalArgumentException("implicit TLS needs a TLS context");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(role, "role");
        this.listener = new Listener(
                settings.listenerSettings(implicitTls ? "pop3s" : "pop3", bind, implicitTls), new ConnectionHandler() {
                    @Override
                    public void serve(Connection connection) throws IOException {
                        new Conversation(connection, store, accounts, settings, role, guard).run();
                    }

                    @Override
                    public void refuse(Connection connection, Refusal why) throws IOException {
                        Conversation.refuse(connection, why);
                    }
                });
    }

    @Override
    public void start() throws IOException {
        listener.start();
    }

    @Override
    public InetSocketAddress localAddress() {
        return listener.localAddress();
    }

    public int port() {
        return listener.port();
    }

    public int activeConnections() {
        return listener.activeConnections();
    }

    /** Stops accepting; idle sessions are told at once, running commands get up to {@code grace}. */
    @Override
    public void stop(Duration grace) {
        listener.stop(grace);
    }

    @Override
    public void close() {
        listener.close();
    }
}
