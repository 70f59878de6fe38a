package org.slotmail.lmtp.session;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.lmtp.LmtpSettings;
import org.slotmail.lmtp.syntax.Command;
import org.slotmail.lmtp.syntax.CommandParser;
import org.slotmail.lmtp.syntax.Lhlo;
import org.slotmail.lmtp.syntax.MailFrom;
import org.slotmail.lmtp.syntax.RcptTo;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.mailbox.MailStore;
import org.slotmail.mailbox.QuotaUsage;
import org.slotmail.mailbox.Recipient;
import org.slotmail.net.Connection;
import org.slotmail.net.Line;
import org.slotmail.net.LineWriter;
import org.slotmail.net.Refusal;
import org.slotmail.net.login.LogText;

/**
 * One LMTP conversation (RFC 2033), from the greeting to QUIT, on the connection's own thread.
 * Commands are read in order and answered in order; replies collect in the connection's writer,
 * which sends them in one write when the client has sent nothing more (PIPELINING, RFC 2920), and
 * always right after the replies to DATA.
 */
public final class LmtpSession {
    private static final Logger log = LoggerFactory.getLogger(LmtpSession.class);

    private final Connection connection;
    private final LineWriter out;
    private final LmtpSettings settings;
    private final RecipientLookup recipients;
    private final Delivery delivery;
    private final Role role;
    private String clientName;
    private Transaction transaction;
    private int errors;

    /**
     * Whether this slot takes deliveries now. A replica does not: its mailboxes change only through
     * replication (DESIGN §3), so every recipient gets a temporary failure and the MTA retries,
     * later reaching the store's master.
     */
    @FunctionalInterface
    public interface Role {
        boolean servesClients();
    }

    public LmtpSession(Connection connection, MailStore store, AccountDirectory accounts, LmtpSettings settings) {
        this(connection, store, accounts, settings, () -> true);
    }

    public LmtpSession(
            Connection connection, MailStore store, AccountDirectory accounts, LmtpSettings settings, Role role) {
        this.role = java.util.Objects.requireNonNull(role, "role");
        this.connection = connection;
        this.out = connection.out();
        this.settings = settings;
        this.recipients = new RecipientLookup(accounts);
        this.delivery = new Delivery(store, settings, connection.in());
    }

    /** Tells a client it is turned away before its session starts. */
    public static void refuse(Connection connection, Refusal why, LmtpSettings settings) throws IOException {
        String text = switch (why) {
            case TOO_MANY_CONNECTIONS, TOO_MANY_FROM_ADDRESS -> "too many connections, try again later";
            case SHUTTING_DOWN -> "shutting down, try again later";
        };
        // RFC 5321 §3.1: a server that cannot serve may answer 421 instead of 220; X.4.5 is congestion.
        String status = why == Refusal.SHUTTING_DOWN ? "4.3.2" : "4.4.5";
        Reply.of(421, status, settings.hostName() + " " + text).writeTo(connection.out());
    }

    /** Runs the session until QUIT, a fatal error, or the client leaving. */
    public void run() throws IOException {
        log.atDebug()
                .setMessage("session started")
                .addKeyValue("client", connection.remoteAddress())
                .log();
        try {
            send(Reply.of(220, "", settings.hostName() + " LMTP Slotmail ready"));
            while (next()) {
                // each round reads and answers one command
            }
        } catch (SocketTimeoutException e) {
            log.atDebug()
                    .setMessage("idle timeout")
                    .addKeyValue("client", connection.remoteAddress())
                    .log();
            send(Reply.of(421, "4.4.2", settings.hostName() + " idle timeout, closing connection"));
        }
    }

    /** Reads and answers one command; false when the session is over. */
    private boolean next() throws IOException {
        if (connection.stopping()) return shuttingDown();
        Line line;
        connection.awaitingCommand(true);
        try {
            line = connection.in().readLine(settings.maxLineLength());
        } finally {
            connection.awaitingCommand(false);
        }
        return switch (line) {
            case Line.End() -> connection.stopping() && shuttingDown();
            // RFC 5321 §4.5.3.1.4 (500 "line too long"); X.5.2 because RFC 4954 took X.5.6 for AUTH lines.
            case Line.TooLong _ -> error(Reply.of(500, "5.5.2", "line too long"));
            case Line.Text(byte[] bytes) -> execute(CommandParser.parse(bytes));
        };
    }

    private boolean execute(Command command) throws IOException {
        return switch (command) {
            case Lhlo lhlo -> lhlo(lhlo);
            case MailFrom mail -> mail(mail);
            case RcptTo rcpt -> rcpt(rcpt);
            case Command.Data _ -> data();
            case Command.Rset _ -> {
                transaction = null;
                yield send(Reply.of(250, "2.0.0", "OK"));
            }
            case Command.Noop _ -> send(Reply.of(250, "2.0.0", "OK"));
            case Command.Quit _ -> {
                send(Reply.of(221, "2.0.0", settings.hostName() + " closing connection"));
                yield false;
            }
            // RFC 5321 §3.5.3: 252 when we will not say whether the user exists.
            case Command.StartTls _ -> startTls();
            case Command.Vrfy _ -> send(Reply.of(252, "2.5.0", "cannot VRFY, but will take a message and try"));
            case Command.LegacyHello(String verb) ->
                error(Reply.of(500, "5.5.1", verb + " is SMTP; LMTP clients send LHLO"));
            case Command.NotImplemented(String verb) -> error(Reply.of(502, "5.5.1", verb + " not implemented"));
            case Command.Unknown _ -> error(Reply.of(500, "5.5.2", "command not recognized"));
            case Command.Invalid invalid -> error(reply(invalid));
        };
    }

    private static Reply reply(Command.Invalid invalid) {
        String detail = invalid.detail();
        return switch (invalid.problem()) {
            case SYNTAX -> Reply.of(501, "5.5.4", "syntax error: " + detail);
            case BAD_SENDER -> Reply.of(501, "5.1.7", "bad sender address: " + detail);
            case BAD_RECIPIENT -> Reply.of(501, "5.1.3", "bad recipient address: " + detail);
            // RFC 5321 §4.1.1.11: parameters not recognized or not implemented.
            case UNSUPPORTED_PARAMETER -> Reply.of(555, "5.5.4", detail);
        };
    }

    /** LHLO (RFC 2033 §4.1); like EHLO it also ends any transaction (RFC 5321 §4.1.4). */
    private boolean lhlo(Lhlo lhlo) throws IOException {
        clientName = lhlo.clientName();
        transaction = null;
        var lines = new ArrayList<>(List.of(
                settings.hostName(),
                "PIPELINING",
                "ENHANCEDSTATUSCODES",
                "8BITMIME",
                "SIZE " + settings.maxMessageSize()));
        // RFC 3207 §4.2: not offered again once TLS is on.
        if (settings.tls() != null && !connection.isSecure()) lines.add("STARTTLS");
        return send(new Reply(250, "", lines));
    }

    /**
     * STARTTLS (RFC 3207). The 220 goes out and the handshake follows; afterwards the session starts
     * over, forgetting the client's name and any transaction (§4.2). A client that pipelined more
     * behind STARTTLS is refused and stays in plain text: those bytes arrived unprotected and must
     * not run as if they came through TLS (CVE-2011-0411).
     */
    private boolean startTls() throws IOException {
        if (settings.tls() == null) return error(Reply.of(502, "5.5.1", "STARTTLS not offered"));
        if (connection.isSecure()) return error(Reply.of(503, "5.5.1", "TLS already active"));
        try {
            connection.startTls(settings.tls(), "220 2.0.0 ready to start TLS");
        } catch (IllegalStateException e) {
            // RFC 2920 §3.1: STARTTLS must be the last command of a pipelined group.
            return error(Reply.of(503, "5.5.1", "STARTTLS must be the last command before the reply"));
        }
        clientName = null;
        transaction = null;
        log.atDebug()
                .setMessage("TLS established")
                .addKeyValue("client", connection.remoteAddress())
                .addKeyValue("tls", connection.tls().orElseThrow())
                .log();
        return true;
    }

    private boolean mail(MailFrom mail) throws IOException {
        if (clientName == null) return error(Reply.of(503, "5.5.1", "send LHLO first"));
        if (transaction != null) return error(Reply.of(503, "5.5.1", "sender already given"));
        // RFC 1870 §6.1: a declared size over the fixed limit is refused before any data is sent.
        if (mail.size().orElse(0) > settings.maxMessageSize()) {
            return send(
                    Reply.of(552, "5.3.4", "message too large, the limit is " + settings.maxMessageSize() + " bytes"));
        }
        transaction = new Transaction(mail.sender(), mail.size().orElse(0));
        return send(Reply.of(250, "2.1.0", "sender OK"));
    }

    private boolean rcpt(RcptTo rcpt) throws IOException {
        if (transaction == null) return error(Reply.of(503, "5.5.1", "send MAIL first"));
        var address = rcpt.recipient();
        // A 4xx to RCPT defers just that recipient (RFC 5321 §4.2.5), which every MTA retries;
        // refusing at the greeting or at MAIL would make some MTAs bounce or try the next MX at once.
        if (!role.servesClients()) return send(replicaRefusal(address.toString()));
        if (transaction.recipients().size() >= settings.maxRecipients()) {
            // RFC 5321 §4.5.3.1.10: 452 and the client sends the rest in another transaction.
            return send(Reply.of(452, "4.5.3", "too many recipients"));
        }
        Optional<Recipient> recipient;
        try {
            recipient = recipients.find(address);
        } catch (RuntimeException e) {
            log.atWarn()
                    .setMessage("account lookup failed")
                    .addKeyValue("recipient", LogText.escape(address.text()))
                    .setCause(e)
                    .log();
            return send(Reply.of(451, "4.3.0", address + " temporary failure, try again later"));
        }
        if (recipient.isEmpty()) return send(Reply.of(550, "5.1.1", address + " user unknown"));
        // Usage is only known to the store at delivery; a message larger than the whole quota is known now.
        var quota = recipient.get().account().quota();
        if (!quota.allows(new QuotaUsage(0, 0), transaction.declaredSize(), 1)) {
            return send(Reply.of(552, "5.2.2", address + " mailbox is full"));
        }
        transaction.accept(address, recipient.get());
        return send(Reply.of(250, "2.1.5", address + " OK"));
    }

    private boolean data() throws IOException {
        // RFC 2033 §4.2: DATA without any accepted recipient gets 503.
        if (transaction == null || transaction.recipients().isEmpty()) {
            return error(Reply.of(503, "5.5.1", "no valid recipients"));
        }
        // The slot became a replica after the recipients were accepted: one reply to DATA defers them all (RFC 2033
        // §4.2).
        if (!role.servesClients()) {
            transaction = null;
            return send(replicaRefusal("message"));
        }
        send(Reply.of(354, "", "start mail input; end with <CRLF>.<CRLF>"));
        out.flush();
        var txn = transaction;
        transaction = null;
        var client = new Delivery.Client(clientName, connection.remoteAddress().getAddress());
        for (Reply reply : delivery.receive(txn, client)) reply.writeTo(out);
        // The store made the message durable; tell the MTA now, not with the next batch.
        out.flush();
        return true;
    }

    /** 451 4.3.0: a temporary failure of the mail system, so the MTA keeps the message and retries. */
    private Reply replicaRefusal(String what) {
        return Reply.of(451, "4.3.0", what + " not accepted here: this slot is a replica, try again later");
    }

    private boolean send(Reply reply) throws IOException {
        reply.writeTo(out);
        return true;
    }

    /** Answers a bad command; too many of them end the session (RFC 5321 §4.1.1 leaves limits to us). */
    private boolean error(Reply reply) throws IOException {
        send(reply);
        if (++errors < settings.maxErrors()) return true;
        send(Reply.of(421, "4.7.0", settings.hostName() + " too many errors, closing connection"));
        return false;
    }

    private boolean shuttingDown() throws IOException {
        send(Reply.of(421, "4.3.2", settings.hostName() + " shutting down, try again later"));
        return false;
    }
}
