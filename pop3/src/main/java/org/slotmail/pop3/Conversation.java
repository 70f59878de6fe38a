package org.slotmail.pop3;

import java.io.IOException;
import java.net.SocketTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.mailbox.MailStore;
import org.slotmail.net.Connection;
import org.slotmail.net.Line;
import org.slotmail.net.Refusal;
import org.slotmail.pop3.exec.Dispatcher;
import org.slotmail.pop3.response.ReplyWriter;
import org.slotmail.pop3.session.Pop3Settings;
import org.slotmail.pop3.session.Session;
import org.slotmail.pop3.session.Status;
import org.slotmail.pop3.syntax.Command;
import org.slotmail.pop3.syntax.CommandParser;

/**
 * One POP3 connection from greeting to QUIT: read a line, parse it, run it, answer. Replies collect
 * in the connection's writer and go out in one write when the client has nothing more to say
 * (PIPELINING, RFC 2449 §6.6), or when a message streams more than the buffer.
 */
final class Conversation {
    private static final Logger log = LoggerFactory.getLogger(Conversation.class);

    private final Connection connection;
    private final ReplyWriter out;
    private final Session session;
    private final Pop3Settings settings;
    private int badCommands;

    Conversation(
            Connection connection,
            MailStore store,
            AccountDirectory accounts,
            Pop3Settings settings,
            Session.Role role,
            org.slotmail.net.login.LoginGuard guard) {
        this.connection = connection;
        this.settings = settings;
        this.out = new ReplyWriter(connection.out());
        this.session = new Session(connection, out, store, accounts, settings, role, guard);
    }

    static void refuse(Connection connection, Refusal why) throws IOException {
        String text = switch (why) {
            case TOO_MANY_CONNECTIONS -> "too many connections, try again later";
            case TOO_MANY_FROM_ADDRESS -> "too many connections from your address, try again later";
            case SHUTTING_DOWN -> "server shutting down, try again later";
        };
        new ReplyWriter(connection.out()).err("SYS/TEMP", text);
    }

    void run() throws IOException {
        out.ok(settings.hostName() + " Slotmail POP3 ready");
        try {
            while (session.state() != Session.State.CLOSED) {
                if (connection.stopping()) {
                    shuttingDown();
                    return;
                }
                Line line;
                connection.awaitingCommand(true);
                try {
                    line = connection.in().readLine(settings.maxLineLength());
                } finally {
                    connection.awaitingCommand(false);
                }
                switch (line) {
                    case Line.End _ -> {
                        if (connection.stopping()) shuttingDown();
                        return;
                    }
                    case Line.TooLong _ -> reply(Status.bad("line too long"));
                    case Line.Text(byte[] bytes) -> execute(CommandParser.parse(bytes));
                }
            }
        } catch (SocketTimeoutException e) {
            // RFC 1939 §3: the autologout timer closes the connection without a response and
            // without entering UPDATE.
            log.atDebug()
                    .setMessage("idle timeout")
                    .addKeyValue("client", connection.remoteAddress())
                    .log();
        } finally {
            session.end();
        }
    }

    private void execute(Command command) throws IOException {
        log.atDebug().addKeyValue("command", command).log("command");
        Status status;
        try {
            status = Dispatcher.execute(command, session);
        } catch (RuntimeException e) {
            log.atError().setCause(e).addKeyValue("command", command).log("command failed");
            // Part of a response may be out already; only closing leaves the client in no doubt.
            session.close();
            status = Status.err("SYS/TEMP", "internal error; the command was not completed");
        }
        reply(status);
    }

    private void reply(Status status) throws IOException {
        switch (status) {
            case Status.Ok(String text) -> out.ok(text);
            case Status.Err(String code, String text, boolean bad) -> {
                if (bad && ++badCommands >= settings.maxBadCommands()) {
                    out.err(null, text + "; too many bad commands, closing connection");
                    session.close();
                } else {
                    out.err(code, text);
                }
            }
            case Status.Sent _ -> {}
        }
    }

    /** The listener is stopping: deletions are not applied (RFC 1939 §6 needs a QUIT). */
    private void shuttingDown() throws IOException {
        out.err("SYS/TEMP", "server shutting down, try again later");
    }
}
