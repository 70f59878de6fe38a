package org.slotmail.imap;

import java.io.IOException;
import java.net.SocketTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.imap.exec.Dispatcher;
import org.slotmail.imap.response.ResponseWriter;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.ImapSettings;
import org.slotmail.imap.session.MailboxViews;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.Command;
import org.slotmail.imap.syntax.CommandParser;
import org.slotmail.imap.syntax.ImapInput;
import org.slotmail.imap.syntax.SyntaxException;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.mailbox.MailStore;
import org.slotmail.mailbox.MessageWriter;
import org.slotmail.mailbox.StagedMessage;
import org.slotmail.net.Connection;
import org.slotmail.net.Refusal;
import org.slotmail.net.login.LogText;
import org.slotmail.net.login.LoginGuard;

/**
 * One IMAP connection from greeting to BYE: read a command, parse it, run it, announce what
 * changed, complete it. Responses collect in the connection's writer and go out in one write when
 * the client has nothing more to say (pipelining), or when a command streams more than the buffer.
 */
final class Conversation {
    private static final Logger log = LoggerFactory.getLogger(Conversation.class);

    private final Connection connection;
    private final ResponseWriter out;
    private final ImapInput in;
    private final Session session;
    private final CommandParser parser;
    private final ImapSettings settings;
    private long windowStart = System.nanoTime();
    private int commandsInWindow;

    Conversation(
            Connection connection,
            MailStore store,
            AccountDirectory accounts,
            ImapSettings settings,
            MailboxViews recent,
            Session.Role role,
            LoginGuard guard) {
        this.connection = connection;
        this.settings = settings;
        this.out = new ResponseWriter(connection.out());
        this.in = new ImapInput(connection.in(), settings.limits(), () -> out.continuation("ready for literal"));
        this.session = new Session(connection, out, in, store, accounts, settings, recent, role, guard);
        this.parser = new CommandParser(settings.limits().maxMessageSize(), (body, size, binary) -> stage(store, body));
    }

    static void refuse(Connection connection, Refusal why) throws IOException {
        String text = switch (why) {
            case TOO_MANY_CONNECTIONS -> "[UNAVAILABLE] too many connections, try again later";
            case TOO_MANY_FROM_ADDRESS -> "[UNAVAILABLE] too many connections from your address";
            case SHUTTING_DOWN -> "[UNAVAILABLE] server shutting down";
        };
        new ResponseWriter(connection.out()).untagged("BYE " + text);
    }

    private static StagedMessage stage(MailStore store, java.io.InputStream body) throws IOException {
        try (MessageWriter writer = store.newMessage()) {
            body.transferTo(writer.body());
            return writer.finish();
        }
    }

    void run() throws IOException {
        out.untagged("OK [CAPABILITY " + String.join(" ", session.capabilities()) + "] " + settings.hostName()
                + " Slotmail IMAP ready");
        try {
            while (session.state() != Session.State.LOGOUT) {
                if (connection.stopping()) {
                    out.untagged("BYE [UNAVAILABLE] server shutting down");
                    return;
                }
                connection.awaitingCommand(true);
                ImapInput.Start start = in.next();
                connection.awaitingCommand(false);
                switch (start) {
                    case ImapInput.Start.End e -> {
                        if (connection.stopping()) out.untagged("BYE [UNAVAILABLE] server shutting down");
                        return;
                    }
                    case ImapInput.Start.TooLong t -> {
                        out.untagged("BYE [TOOBIG] command line too long");
                        return;
                    }
                    case ImapInput.Start.Command c -> {
                        if (!one()) return;
                    }
                }
                throttle();
            }
        } catch (SocketTimeoutException e) {
            out.untagged("BYE autologout: idle for too long");
        } finally {
            session.end();
        }
    }

    /** Reads, runs and completes one command; false when the connection must close. */
    private boolean one() throws IOException {
        String tag;
        try {
            tag = in.tag();
            in.sp();
        } catch (SyntaxException e) {
            boolean ok = in.skipCommand();
            out.untagged("BAD missing or invalid tag");
            return ok;
        }
        session.currentTag(tag);
        Command command;
        try {
            command = parser.parse(in);
        } catch (SyntaxException e) {
            boolean followable = !e.fatal() && in.skipCommand();
            if ("TOOBIG".equals(e.code())) out.tagged(tag, "NO", "TOOBIG", e.getMessage());
            else if (e.code() != null && e.code().startsWith("BADCHARSET"))
                out.tagged(tag, "NO", e.code(), e.getMessage());
            else out.tagged(tag, "BAD", e.code(), e.getMessage());
            if (!followable) {
                out.untagged("BYE cannot follow the input any more");
                return false;
            }
            return true;
        }
        log.atDebug()
                .addKeyValue("tag", tag)
                .addKeyValue("command", LogText.escape(command.toString()))
                .log("command");
        Completion completion;
        try {
            completion = Dispatcher.execute(command, session);
        } catch (RuntimeException e) {
            log.atError()
                    .setCause(e)
                    .addKeyValue("command", LogText.escape(command.toString()))
                    .log("command failed");
            completion = Completion.no("SERVERBUG", "internal error; the command was not completed");
        }
        if (completion.sent()) return true;
        if (session.state() != Session.State.LOGOUT) {
            session.sync(Dispatcher.allowsExpunge(command), Dispatcher.isUidCommand(command));
        }
        out.tagged(tag, completion.status(), completion.code(), completion.text());
        return session.state() != Session.State.LOGOUT || completion.status().equals("OK");
    }

    /** Slows a connection that sends more commands per second than allowed, instead of failing it. */
    private void throttle() {
        commandsInWindow++;
        if (commandsInWindow < settings.commandsPerSecond()) return;
        long elapsed = System.nanoTime() - windowStart;
        if (elapsed < 1_000_000_000L) {
            try {
                Thread.sleep((1_000_000_000L - elapsed) / 1_000_000L + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        windowStart = System.nanoTime();
        commandsInWindow = 0;
    }
}
