package org.slotmail.imap.syntax;

import java.io.IOException;
import java.util.Locale;
import org.slotmail.mailbox.StagedMessage;

/**
 * Turns the command at an {@link ImapInput}'s position (after its tag) into a {@link Command}.
 * Stateless; which commands are allowed in which state is the session's business.
 */
public final class CommandParser {
    private final long maxMessageSize;
    private final ImapInput.LiteralSink<StagedMessage> stager;

    public CommandParser(long maxMessageSize, ImapInput.LiteralSink<StagedMessage> stager) {
        this.maxMessageSize = maxMessageSize;
        this.stager = stager;
    }

    /** Parses the command name and arguments through the end of the command. */
    public Command parse(ImapInput in) throws SyntaxException, IOException {
        String name = in.atom().toUpperCase(Locale.ROOT);
        boolean uid = false;
        if (name.equals("UID")) {
            uid = true;
            in.sp();
            name = in.atom().toUpperCase(Locale.ROOT);
        }
        Command command = uid ? uidCommand(in, name) : command(in, name);
        in.endOfCommand();
        return command;
    }

    private Command uidCommand(ImapInput in, String name) throws SyntaxException, IOException {
        return switch (name) {
            case "FETCH" -> Fetch.parse(in, true);
            case "STORE" -> Store.parse(in, true);
            case "SEARCH" -> Search.parse(in, true);
            case "COPY" -> Copy.parse(in, true);
            case "MOVE" -> Move.parse(in, true);
            case "EXPUNGE" -> Expunge.parse(in, true);
            case "SORT" -> Sort.parse(in, true);
            case "THREAD" -> Thread.parse(in, true);
            default -> throw in.error("unknown UID command " + name);
        };
    }

    private Command command(ImapInput in, String name) throws SyntaxException, IOException {
        return switch (name) {
            case "CAPABILITY" -> new Capability();
            case "NOOP" -> new Noop();
            case "LOGOUT" -> new Logout();
            case "STARTTLS" -> new StartTls();
            case "AUTHENTICATE" -> Authenticate.parse(in);
            case "LOGIN" -> Login.parse(in);
            case "ENABLE" -> Enable.parse(in);
            case "SELECT" -> Select.parse(in, false);
            case "EXAMINE" -> Select.parse(in, true);
            case "CREATE" -> Create.parse(in);
            case "DELETE" -> Delete.parse(in);
            case "RENAME" -> Rename.parse(in);
            case "SUBSCRIBE" -> Subscribe.parse(in);
            case "UNSUBSCRIBE" -> Unsubscribe.parse(in);
            case "LIST" -> ListMailboxes.parse(in);
            case "LSUB" -> Lsub.parse(in);
            case "NAMESPACE" -> new Namespace();
            case "STATUS" -> Status.parse(in);
            case "APPEND" -> Append.parse(in, maxMessageSize, stager);
            case "IDLE" -> new Idle();
            case "CHECK" -> new Check();
            case "CLOSE" -> new Close();
            case "UNSELECT" -> new Unselect();
            case "EXPUNGE" -> Expunge.parse(in, false);
            case "SEARCH" -> Search.parse(in, false);
            case "FETCH" -> Fetch.parse(in, false);
            case "STORE" -> Store.parse(in, false);
            case "COPY" -> Copy.parse(in, false);
            case "MOVE" -> Move.parse(in, false);
            case "SORT" -> Sort.parse(in, false);
            case "THREAD" -> Thread.parse(in, false);
            case "ID" -> Id.parse(in);
            case "GETQUOTA" -> GetQuota.parse(in);
            case "GETQUOTAROOT" -> GetQuotaRoot.parse(in);
            case "SETQUOTA" -> SetQuota.parse(in);
            case "COMPRESS" -> Compress.parse(in);
            default -> throw in.error("unknown command " + name);
        };
    }
}
