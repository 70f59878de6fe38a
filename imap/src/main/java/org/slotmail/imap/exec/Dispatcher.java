package org.slotmail.imap.exec;

import java.io.IOException;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.session.Session.State;
import org.slotmail.imap.syntax.*;
import org.slotmail.mailbox.MailboxException;

/**
 * The command table: in which states each command is allowed (RFC 9051 §6), whether it may be
 * followed by EXPUNGE responses (§7.5.1), and which handler runs it.
 */
public final class Dispatcher {
    private Dispatcher() {}

    /** Runs one command and says how it ended; mailbox errors become NO with a response code. */
    public static Completion execute(Command command, Session s) throws IOException {
        Completion refused = checkState(command, s);
        if (refused != null) return refused;
        try {
            return run(command, s);
        } catch (MailboxException e) {
            return Errors.of(e);
        }
    }

    /**
     * Whether expunges may be announced when this command completes: never after FETCH, STORE or
     * SEARCH by sequence number, whose numbers the client is still using (RFC 9051 §7.5.1); SORT
     * and THREAD by number are treated the same way.
     */
    public static boolean allowsExpunge(Command command) {
        return switch (command) {
            case Fetch f -> f.uid();
            case Store st -> st.uid();
            case Search se -> se.uid();
            case Sort so -> so.uid();
            case org.slotmail.imap.syntax.Thread t -> t.uid();
            default -> true;
        };
    }

    /** Whether responses after this command carry UIDs in FETCH (UID commands do). */
    public static boolean isUidCommand(Command command) {
        return switch (command) {
            case Fetch f -> f.uid();
            case Store st -> st.uid();
            default -> false;
        };
    }

    private static Completion checkState(Command command, Session s) {
        State state = s.state();
        return switch (command) {
            case Capability c -> null;
            case Noop n -> null;
            case Logout l -> null;
            case Id i -> null;
            case StartTls t -> state == State.NOT_AUTHENTICATED ? null : Completion.bad("already authenticated");
            case Login l -> state == State.NOT_AUTHENTICATED ? null : Completion.bad("already authenticated");
            case Authenticate a -> state == State.NOT_AUTHENTICATED ? null : Completion.bad("already authenticated");
            case Check c -> selected(state);
            case Close c -> selected(state);
            case Unselect u -> selected(state);
            case Expunge e -> selected(state);
            case Search se -> selected(state);
            case Fetch f -> selected(state);
            case Store st -> selected(state);
            case Copy c -> selected(state);
            case Move m -> selected(state);
            case Sort so -> selected(state);
            case org.slotmail.imap.syntax.Thread t -> selected(state);
            default -> state == State.AUTHENTICATED || state == State.SELECTED ? null : Completion.bad("log in first");
        };
    }

    private static Completion selected(State state) {
        return state == State.SELECTED ? null : Completion.bad("no mailbox selected");
    }

    private static Completion run(Command command, Session s) throws IOException {
        return switch (command) {
            case Capability c -> SimpleHandlers.capability(s);
            case Noop n -> SimpleHandlers.noop();
            case Check c -> SimpleHandlers.check();
            case Logout l -> SimpleHandlers.logout(s);
            case Id i -> SimpleHandlers.id(i, s);
            case Namespace n -> SimpleHandlers.namespace(s);
            case StartTls t -> TlsHandlers.startTls(s);
            case Compress c -> TlsHandlers.compress(c, s);
            case Login l -> LoginHandler.login(l, s);
            case Authenticate a -> LoginHandler.authenticate(a, s);
            case Enable e -> EnableHandler.run(e, s);
            case Select sel -> SelectHandler.run(sel, s);
            case Create c -> FolderHandlers.create(c, s);
            case Delete d -> FolderHandlers.delete(d, s);
            case Rename r -> FolderHandlers.rename(r, s);
            case Subscribe sub -> FolderHandlers.subscribe(sub, s);
            case Unsubscribe u -> FolderHandlers.unsubscribe(u, s);
            case ListMailboxes l -> ListHandler.list(l, s);
            case Lsub l -> ListHandler.lsub(l, s);
            case Status st -> StatusHandler.run(st, s);
            case Append a -> AppendHandler.run(a, s);
            case Idle i -> IdleHandler.run(s);
            case Close c -> ExpungeHandler.close(s);
            case Unselect u -> ExpungeHandler.unselect(s);
            case Expunge e -> ExpungeHandler.expunge(e, s);
            case Search se -> SearchHandler.run(se, s);
            case Fetch f -> FetchHandler.run(f, s);
            case Store st -> StoreHandler.run(st, s);
            case Copy c -> CopyHandler.copy(c, s);
            case Move m -> CopyHandler.move(m, s);
            case Sort so -> SortHandler.run(so, s);
            case org.slotmail.imap.syntax.Thread t -> ThreadHandler.run(t, s);
            case GetQuota q -> QuotaHandler.getQuota(q, s);
            case GetQuotaRoot q -> QuotaHandler.getQuotaRoot(q, s);
            case SetQuota q -> QuotaHandler.setQuota();
        };
    }
}
