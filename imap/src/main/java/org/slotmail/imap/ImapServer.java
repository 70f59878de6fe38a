package org.slotmail.imap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import org.slotmail.imap.session.ImapSettings;
import org.slotmail.imap.session.MailboxViews;
import org.slotmail.imap.session.Session;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.mailbox.MailStore;
import org.slotmail.net.Connection;
import org.slotmail.net.ConnectionHandler;
import org.slotmail.net.Listener;
import org.slotmail.net.ProtocolServer;
import org.slotmail.net.Refusal;
import org.slotmail.net.login.LoginGuard;

/** An IMAP server (RFC 9051, RFC 3501) on one listener, one virtual thread per connection. */
public final class ImapServer implements ProtocolServer {
    private final Listener listener;

    /**
     * A server for {@code bind} (port 0 picks a free port); nothing listens until {@link #start()}.
     * {@code role} says whether this slot serves clients now (a replica refuses logins). Failed
     * logins and sessions per account are counted by this server alone.
     */
    public ImapServer(
            MailStore store,
            AccountDirectory accounts,
            ImapSettings settings,
            InetSocketAddress bind,
            boolean implicitTls,
            Session.Role role) {
        this(store, accounts, settings, bind, implicitTls, role, LoginGuard.standalone());
    }

    /**
     * As above, counting failed logins and sessions per account in {@code guard}, which the slot
     * shares between its IMAP, IMAPS and POP3 listeners.
     */
    public ImapServer(
            MailStore store,
            AccountDirectory accounts,
            ImapSettings settings,
            InetSocketAddress bind,
            boolean implicitTls,
            Session.Role role,
            LoginGuard guard) {
        if (implicitTls && settings.tls() == null)
            throw new IllegalArgumentException("implicit TLS needs a TLS context");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(guard, "guard");
        var recent = new MailboxViews();
        this.listener = new Listener(
                settings.listenerSettings(implicitTls ? "imaps" : "imap", bind, implicitTls), new ConnectionHandler() {
                    @Override
                    public void serve(Connection connection) throws IOException {
                        new Conversation(connection, store, accounts, settings, recent, role, guard).run();
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

    /** Stops accepting; idle sessions get BYE at once, running commands get up to {@code grace}. */
    @Override
    public void stop(Duration grace) {
        listener.stop(grace);
    }

    @Override
    public void close() {
        listener.close();
    }
}
