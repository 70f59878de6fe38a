package org.slotmail.lmtp.session;

import java.io.IOException;
import java.net.InetAddress;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.lmtp.LmtpSettings;
import org.slotmail.lmtp.syntax.Address;
import org.slotmail.mailbox.DeliveryResult;
import org.slotmail.mailbox.MailStore;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.Recipient;
import org.slotmail.mailbox.StagedMessage;
import org.slotmail.net.LineReader;
import org.slotmail.net.login.LogText;

/**
 * The DATA part of a transaction: streams the message into the store with our trace headers on
 * top, delivers it to every accepted recipient in one call, and answers with one reply per
 * accepted recipient in RCPT order (RFC 2033 §4.2). A recipient gets 250 only when the store says
 * the message is durable in its mailbox; any doubt is 451 so the MTA keeps the message and retries.
 */
final class Delivery {
    private static final Logger log = LoggerFactory.getLogger(Delivery.class);

    private final MailStore store;
    private final LmtpSettings settings;
    private final LineReader in;

    Delivery(MailStore store, LmtpSettings settings, LineReader in) {
        this.store = store;
        this.settings = settings;
        this.in = in;
    }

    /** The client that sent the message, for the Received header. */
    record Client(String name, InetAddress address) {}

    /** Reads the DATA block (after 354) and delivers it; an IOException means the client is gone and nothing was delivered. */
    List<Reply> receive(Transaction txn, Client client) throws IOException {
        String id = QueueId.next();
        var recipients = txn.recipients();
        Optional<Address> onlyRecipient =
                recipients.size() == 1 ? Optional.of(recipients.getFirst().address()) : Optional.empty();
        byte[] headers = TraceHeaders.render(
                settings.hostName(),
                id,
                client.name(),
                client.address(),
                txn.sender(),
                onlyRecipient,
                ZonedDateTime.now());
        MessageSink.Outcome outcome;
        try (var sink = new MessageSink(store, settings.maxMessageSize())) {
            sink.writeOwn(headers);
            DataDecoder.copy(in, sink);
            outcome = sink.finish();
        }
        return switch (outcome) {
            case MessageSink.Outcome.TooLarge(long size) -> {
                log.atInfo()
                        .setMessage("message too large")
                        .addKeyValue("id", id)
                        .addKeyValue("size", size)
                        .addKeyValue("limit", settings.maxMessageSize())
                        .log();
                yield each(
                        recipients,
                        a -> Reply.of(
                                552,
                                "5.3.4",
                                a.address() + " message too large, the limit is " + settings.maxMessageSize()
                                        + " bytes"));
            }
            case MessageSink.Outcome.Failed(Exception cause) -> {
                logStoreFailure(id, "receiving the message failed", cause);
                yield each(recipients, Delivery::temporaryFailure);
            }
            case MessageSink.Outcome.Ready(StagedMessage staged) -> {
                try {
                    yield deliver(staged, recipients, id);
                } finally {
                    closeQuietly(staged);
                }
            }
        };
    }

    private List<Reply> deliver(StagedMessage staged, List<Transaction.Accepted> accepted, String id) {
        // The same mailbox named twice (e.g. two spellings of one address) gets the message once.
        List<Recipient> distinct = accepted.stream()
                .map(Transaction.Accepted::recipient)
                .distinct()
                .toList();
        List<DeliveryResult> results;
        try {
            results = store.deliver(staged, distinct);
        } catch (RuntimeException e) {
            logStoreFailure(id, "delivery failed", e);
            return each(accepted, Delivery::temporaryFailure);
        }
        if (results == null || results.size() != distinct.size()) {
            log.atError()
                    .setMessage("store answered with the wrong number of results; nothing acknowledged")
                    .addKeyValue("id", id)
                    .addKeyValue("recipients", distinct.size())
                    .addKeyValue("results", results == null ? -1 : results.size())
                    .log();
            return each(accepted, Delivery::temporaryFailure);
        }
        Map<Recipient, DeliveryResult> byRecipient = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) byRecipient.put(distinct.get(i), results.get(i));
        var replies = new ArrayList<Reply>(accepted.size());
        int delivered = 0;
        for (Transaction.Accepted a : accepted) {
            Reply reply = reply(a.address(), byRecipient.get(a.recipient()), id);
            if (reply.positive()) delivered++;
            replies.add(reply);
        }
        log.atInfo()
                .setMessage("delivered")
                .addKeyValue("id", id)
                .addKeyValue("size", staged.size())
                .addKeyValue("recipients", accepted.size())
                .addKeyValue("delivered", delivered)
                .log();
        return replies;
    }

    private Reply reply(Address address, DeliveryResult result, String id) {
        return switch (result) {
            case DeliveryResult.Delivered _ -> Reply.of(250, "2.0.0", address + " delivered as " + id);
            case DeliveryResult.Rejected(var reason, var message) -> {
                log.atInfo()
                        .setMessage("recipient rejected by the store")
                        .addKeyValue("id", id)
                        .addKeyValue("recipient", LogText.escape(address.text()))
                        .addKeyValue("reason", reason)
                        .addKeyValue("detail", message)
                        .log();
                yield switch (reason) {
                    // RFC 3463 X.2.2: mailbox full. Permanent, as Dovecot and Cyrus answer by default.
                    case OVER_QUOTA -> Reply.of(552, "5.2.2", address + " mailbox is full");
                    case NONEXISTENT -> Reply.of(550, "5.1.1", address + " user unknown");
                    default -> temporaryFailure(address);
                };
            }
            case null -> {
                log.atError()
                        .setMessage("no store result for a recipient")
                        .addKeyValue("id", id)
                        .log();
                yield temporaryFailure(address);
            }
        };
    }

    private static Reply temporaryFailure(Transaction.Accepted accepted) {
        return temporaryFailure(accepted.address());
    }

    private static Reply temporaryFailure(Address address) {
        return Reply.of(451, "4.3.0", address + " temporary failure, try again later");
    }

    private static List<Reply> each(List<Transaction.Accepted> accepted, Function<Transaction.Accepted, Reply> reply) {
        return accepted.stream().map(reply).toList();
    }

    /** An unavailable store is expected now and then (stopping, replica); anything else needs an operator. */
    private static void logStoreFailure(String id, String what, Exception cause) {
        boolean expected = cause instanceof MailboxException e && e.reason() == MailboxException.Reason.UNAVAILABLE;
        var event = expected ? log.atWarn() : log.atError();
        event.setMessage(what).addKeyValue("id", id).setCause(cause).log();
    }

    private static void closeQuietly(StagedMessage staged) {
        try {
            staged.close();
        } catch (RuntimeException e) {
            log.atWarn()
                    .setMessage("discarding a staged message failed")
                    .setCause(e)
                    .log();
        }
    }
}
