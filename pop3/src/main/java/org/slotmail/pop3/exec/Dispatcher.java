package org.slotmail.pop3.exec;

import java.io.IOException;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.pop3.session.Session;
import org.slotmail.pop3.session.Session.State;
import org.slotmail.pop3.session.Status;
import org.slotmail.pop3.syntax.Command;

/**
 * The command table: in which state each command is allowed (RFC 1939 §4-7, RFC 2449 §5, RFC 2595
 * §4, RFC 5034 §4) and which handler runs it.
 */
public final class Dispatcher {
    private Dispatcher() {}

    /** Runs one command and says how it ended; mailbox errors become -ERR with an RFC 3206 code. */
    public static Status execute(Command command, Session s) throws IOException {
        Status refused = checkState(command, s.state());
        if (refused != null) return refused;
        try {
            return run(command, s);
        } catch (MailboxException e) {
            return Errors.of(e);
        }
    }

    private static Status checkState(Command command, State state) {
        return switch (command) {
            case Command.Capa _, Command.Quit _ -> null;
            case Command.NotSupported _, Command.Unknown _, Command.Invalid _ -> null;
            case Command.User _, Command.Pass _, Command.Auth _ ->
                state == State.AUTHORIZATION ? null : Status.bad("already logged in");
            case Command.Stls _ ->
                state == State.AUTHORIZATION ? null : Status.bad("STLS is only allowed before login");
            case Command.Stat _,
                    Command.ListMessages _,
                    Command.Uidl _,
                    Command.Top _,
                    Command.Retr _,
                    Command.Dele _,
                    Command.Rset _,
                    Command.Noop _ -> state == State.TRANSACTION ? null : Status.bad("log in first");
        };
    }

    private static Status run(Command command, Session s) throws IOException {
        return switch (command) {
            case Command.Capa _ -> CapaHandler.capa(s);
            case Command.User user -> LoginHandler.user(user, s);
            case Command.Pass pass -> LoginHandler.pass(pass, s);
            case Command.Auth auth -> LoginHandler.auth(auth, s);
            case Command.Stls _ -> TlsHandler.stls(s);
            case Command.Stat _ -> MaildropHandlers.stat(s);
            case Command.ListMessages list -> MaildropHandlers.list(list, s);
            case Command.Uidl uidl -> MaildropHandlers.uidl(uidl, s);
            case Command.Dele dele -> MaildropHandlers.dele(dele, s);
            case Command.Rset _ -> MaildropHandlers.rset(s);
            case Command.Noop _ -> Status.ok("");
            case Command.Retr retr -> RetrieveHandler.retr(retr, s);
            case Command.Top top -> RetrieveHandler.top(top, s);
            case Command.Quit _ -> QuitHandler.quit(s);
            case Command.NotSupported(String verb) -> Status.bad(verb + " is not supported");
            case Command.Unknown _ -> Status.bad("unknown command");
            case Command.Invalid(String verb, String detail) -> Status.bad(verb + ": " + detail);
        };
    }
}
