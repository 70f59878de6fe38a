package org.slotmail.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.search.BodyTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.SubjectTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.SortTerm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jakarta Mail's IMAP client (Angus Mail), the one most Java mail programs use, against a real
 * {@code slotmail up}: mail delivered over LMTP reads back byte for byte and part by part; flags,
 * APPEND, COPY and MOVE with UIDPLUS; SEARCH, SORT and THREAD; IDLE woken by a delivery.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AngusMailIT {
    private static final String USER = "angus@example.com";
    private static final String PASSWORD = "pw-secret-angus";
    /** Generous: this asserts that IDLE wakes at all; the client scripts hold it to 1 s. */
    private static final long IDLE_WAKE_SECONDS = 5;

    private SlotmailProcess up;
    private int imapPort;
    private int lmtpPort;

    @BeforeAll
    void startServer(@TempDir Path tmp) throws Exception {
        // -Dangus.reference=IMAPPORT,LMTPPORT runs the same tests against another server on
        // loopback (Dovecot, say) that has the account: to tell a wrong test from a server bug.
        String reference = System.getProperty("angus.reference");
        if (reference != null) {
            String[] ports = reference.split(",");
            imapPort = Integer.parseInt(ports[0].strip());
            lmtpPort = Integer.parseInt(ports[1].strip());
            return;
        }
        Path data = tmp.resolve("data");
        var add = SlotmailProcess.run(
                PASSWORD + "\n", "user", "add", USER, "--password-stdin", "--data", data.toString());
        assertThat(add.exitCode()).as(add.err()).isZero();
        int portBase = 20000 + ThreadLocalRandom.current().nextInt(300) * 100;
        up = SlotmailProcess.up(data, portBase, Duration.ofSeconds(60));
        imapPort = portBase + 143;
        lmtpPort = portBase + 24;
    }

    @AfterAll
    void stopServer() throws InterruptedException {
        if (up != null) up.close();
    }

    @Test
    void deliveredMessageReadsBackByteForByte() throws Exception {
        String tag = tag();
        byte[] delivered = plainMessage(tag, "Plain " + tag, "Grüße aus Köln.\r\n.a dotted line\r\n");
        try (var store = connect()) {
            long next = ((IMAPFolder) store.getFolder("INBOX")).getUIDNext();
            deliver(delivered);
            var inbox = openInbox(store);
            var message = onlyNew(inbox, next);
            byte[] fetched = writeTo(message);
            assertThat(TraceFields.onlyAddedInFront(fetched, delivered))
                    .as(
                            "writeTo gives the delivered bytes, with only trace fields in front:%n%s",
                            new String(fetched, StandardCharsets.UTF_8))
                    .isTrue();
            assertThat(message.getSize()).isEqualTo(fetched.length);
            assertThat(message.getSubject()).isEqualTo("Plain " + tag);
            assertThat(message.getFrom()).containsExactly(new InternetAddress("bob@example.org", "Bob Sender"));
            assertThat(((MimeMessage) message).getMessageID()).isEqualTo("<" + tag + "@example.org>");
            assertThat(message.isMimeType("text/plain")).isTrue();
            // getInputStream is the decoded body; 8bit text decodes to itself.
            try (var in = message.getInputStream()) {
                assertThat(in.readAllBytes()).isEqualTo(body(delivered));
            }
            assertThat(message.getContent()).isEqualTo("Grüße aus Köln.\r\n.a dotted line\r\n");
        }
    }

    @Test
    void multipartPartsAreTheDeliveredParts() throws Exception {
        String tag = tag();
        byte[] attachment = new byte[6000];
        new Random(tag.hashCode()).nextBytes(attachment);
        byte[] delivered = multipartMessage(tag, attachment);
        try (var store = connect()) {
            long next = ((IMAPFolder) store.getFolder("INBOX")).getUIDNext();
            deliver(delivered);
            var inbox = openInbox(store);
            var message = onlyNew(inbox, next);
            assertThat(TraceFields.onlyAddedInFront(writeTo(message), delivered))
                    .isTrue();
            assertThat(message.getSubject()).isEqualTo("Grüße – " + tag);
            assertThat(message.isMimeType("multipart/mixed")).isTrue();
            var multipart = (MimeMultipart) message.getContent();
            assertThat(multipart.getCount()).isEqualTo(2);
            BodyPart text = multipart.getBodyPart(0);
            assertThat(text.isMimeType("text/plain")).isTrue();
            assertThat(text.getContent()).isEqualTo("Das Bild ist angehängt.\r\n");
            BodyPart file = multipart.getBodyPart(1);
            assertThat(file.isMimeType("application/octet-stream")).isTrue();
            assertThat(file.getDisposition()).isEqualToIgnoringCase(Part.ATTACHMENT);
            assertThat(file.getFileName()).isEqualTo("photo.bin");
            try (var in = file.getInputStream()) {
                assertThat(in.readAllBytes()).as("decoded attachment").isEqualTo(attachment);
            }
        }
    }

    @Test
    void flagsSetInOneSessionAreSeenInAnother() throws Exception {
        String tag = tag();
        deliver(plainMessage(tag, "Flags " + tag, "flag me\r\n"));
        long uid;
        try (var first = connect()) {
            var inbox = openInbox(first);
            var message = newest(inbox);
            uid = inbox.getUID(message);
            message.setFlags(new Flags(Flags.Flag.FLAGGED), true);
            var keyword = new Flags("$Important");
            message.setFlags(keyword, true);
        }
        try (var second = connect()) {
            var inbox = openInbox(second);
            Flags flags = inbox.getMessageByUID(uid).getFlags();
            assertThat(flags.contains(Flags.Flag.FLAGGED))
                    .as("\\Flagged from the other session")
                    .isTrue();
            assertThat(flags.contains("$Important"))
                    .as("$Important from the other session")
                    .isTrue();
            inbox.getMessageByUID(uid).setFlag(Flags.Flag.FLAGGED, false);
        }
        try (var third = connect()) {
            var flags = openInbox(third).getMessageByUID(uid).getFlags();
            assertThat(flags.contains(Flags.Flag.FLAGGED)).isFalse();
            assertThat(flags.contains("$Important")).isTrue();
        }
    }

    @Test
    void appendReportsUidAndKeepsTheBytes() throws Exception {
        String tag = tag();
        try (var store = connect()) {
            var folder = (IMAPFolder) store.getFolder("Angus-" + tag);
            assertThat(folder.create(Folder.HOLDS_MESSAGES)).isTrue();
            var draft = new MimeMessage(session());
            draft.setFrom(new InternetAddress("me@example.com"));
            draft.setRecipients(Message.RecipientType.TO, "you@example.com");
            draft.setSubject("Appended " + tag, "UTF-8");
            draft.setText("Ein Entwurf, äöü.\n", "UTF-8");
            draft.setFlag(Flags.Flag.DRAFT, true);
            draft.saveChanges();
            byte[] bytes = writeTo(draft);

            folder.open(Folder.READ_WRITE);
            AppendUID[] uids = folder.appendUIDMessages(new Message[] {draft});
            assertThat(uids).hasSize(1);
            assertThat(uids[0]).as("APPENDUID (RFC 4315)").isNotNull();
            assertThat(uids[0].uidvalidity).isEqualTo(folder.getUIDValidity());
            var appended = folder.getMessageByUID(uids[0].uid);
            assertThat(writeTo(appended)).isEqualTo(bytes);
            assertThat(appended.isSet(Flags.Flag.DRAFT)).isTrue();
        }
    }

    @Test
    void copyAndMoveKeepBytesAndReportUids() throws Exception {
        String tag = tag();
        deliver(plainMessage(tag + "-copy", "Copy " + tag, "copy me\r\n"));
        deliver(plainMessage(tag + "-move", "Move " + tag, "move me\r\n"));
        try (var store = connect()) {
            var inbox = openInbox(store);
            var target = (IMAPFolder) store.getFolder("Angus-" + tag);
            assertThat(target.create(Folder.HOLDS_MESSAGES)).isTrue();
            Message[] both = inbox.getMessages(inbox.getMessageCount() - 1, inbox.getMessageCount());
            var toCopy = both[0];
            var toMove = both[1];
            byte[] copyBytes = writeTo(toCopy);
            byte[] moveBytes = writeTo(toMove);
            long moveUid = inbox.getUID(toMove);

            AppendUID[] copied = inbox.copyUIDMessages(new Message[] {toCopy}, target);
            assertThat(copied).hasSize(1);
            assertThat(copied[0]).as("COPYUID (RFC 4315)").isNotNull();

            long targetNext = target.getUIDNext();
            inbox.moveMessages(new Message[] {toMove}, target);
            assertThat(toMove.isExpunged())
                    .as("MOVE expunges the source (RFC 6851 §3.3)")
                    .isTrue();
            try (var other = connect()) {
                assertThat(openInbox(other).getMessageByUID(moveUid))
                        .as("UID %d is gone from INBOX for another session", moveUid)
                        .isNull();
            }

            target.open(Folder.READ_ONLY);
            assertThat(copied[0].uidvalidity).isEqualTo(target.getUIDValidity());
            assertThat(writeTo(target.getMessageByUID(copied[0].uid))).isEqualTo(copyBytes);
            Message[] moved = target.getMessagesByUID(targetNext, UIDFolder.LASTUID);
            assertThat(moved).hasSize(1);
            assertThat(writeTo(moved[0])).isEqualTo(moveBytes);
            assertThat(target.getMessageCount()).isEqualTo(2);
        }
    }

    @Test
    void searchFindsByFlag() throws Exception {
        String tag = tag();
        deliver(plainMessage(tag + "-a", "Flagged " + tag, "important\r\n"));
        deliver(plainMessage(tag + "-b", "Plain " + tag, "not important\r\n"));
        try (var store = connect()) {
            var inbox = openInbox(store);
            Message[] both = inbox.getMessages(inbox.getMessageCount() - 1, inbox.getMessageCount());
            both[0].setFlag(Flags.Flag.FLAGGED, true);
            Message[] flagged = inbox.search(new FlagTerm(new Flags(Flags.Flag.FLAGGED), true));
            assertThat(subjects(flagged)).contains("Flagged " + tag).doesNotContain("Plain " + tag);
            Message[] unflagged = inbox.search(new FlagTerm(new Flags(Flags.Flag.FLAGGED), false));
            assertThat(subjects(unflagged)).contains("Plain " + tag).doesNotContain("Flagged " + tag);
        }
    }

    @Test
    void searchFindsBySubjectAndBodyText() throws Exception {
        String tag = tag();
        deliver(plainMessage(tag + "-a", "Quarterly report " + tag, "the word zanzibar" + tag + " is here\r\n"));
        deliver(plainMessage(tag + "-b", "Lunch " + tag, "nothing to see\r\n"));
        try (var store = connect()) {
            var inbox = openInbox(store);
            // Angus quietly searches on the client when the server says NO; this is about the server.
            assertThat(serverSearch(inbox, "SUBJECT \"quarterly REPORT " + tag + "\""))
                    .as("server-side SEARCH SUBJECT (RFC 3501 §6.4.4)")
                    .startsWith("OK");
            assertThat(serverSearch(inbox, "BODY zanzibar" + tag))
                    .as("server-side SEARCH BODY (RFC 3501 §6.4.4)")
                    .startsWith("OK");
            Message[] found = inbox.search(new SubjectTerm("quarterly REPORT " + tag));
            assertThat(subjects(found)).containsExactly("Quarterly report " + tag);
            Message[] byBody = inbox.search(new BodyTerm("zanzibar" + tag));
            assertThat(subjects(byBody)).containsExactly("Quarterly report " + tag);
        }
    }

    /** Runs UID SEARCH with the criteria as given; returns the tagged reply ("OK ...", "NO ..."). */
    private static String serverSearch(IMAPFolder folder, String criteria) throws MessagingException {
        return (String) folder.doCommand(protocol -> {
            Response[] responses = protocol.command("UID SEARCH " + criteria, null);
            String tagged = responses[responses.length - 1].toString();
            return tagged.substring(tagged.indexOf(' ') + 1);
        });
    }

    @Test
    void sortOrdersByBaseSubjectThenArrival() throws Exception {
        String tag = tag();
        deliverThread(tag);
        try (var store = connect()) {
            var inbox = openInbox(store);
            Message[] sorted = inbox.getSortedMessages(new SortTerm[] {SortTerm.SUBJECT, SortTerm.ARRIVAL});
            var ours = subjects(sorted).stream()
                    .filter(s -> s.contains("sort" + tag))
                    .toList();
            // SORT compares base subjects (RFC 5256 §2.1): "Re: x" sorts with "x", after it by arrival.
            assertThat(ours)
                    .containsExactly(
                            "sort" + tag + " alpha",
                            "Re: sort" + tag + " alpha",
                            "sort" + tag + " bravo",
                            "sort" + tag + " charlie");
            // REVERSE turns only its own key around; ties stay in mailbox order (RFC 5256 §3).
            Message[] reversed = inbox.getSortedMessages(new SortTerm[] {SortTerm.REVERSE, SortTerm.SUBJECT});
            assertThat(subjects(reversed).stream().filter(s -> s.contains("sort" + tag)))
                    .containsExactly(
                            "sort" + tag + " charlie",
                            "sort" + tag + " bravo",
                            "sort" + tag + " alpha",
                            "Re: sort" + tag + " alpha");
        }
    }

    @Test
    void threadHangsRepliesUnderTheirParent() throws Exception {
        String tag = tag();
        deliverThread(tag);
        try (var store = connect()) {
            var inbox = openInbox(store);
            long parent = uidOfSubject(inbox, "sort" + tag + " alpha");
            long child = uidOfSubject(inbox, "Re: sort" + tag + " alpha");
            String threads = (String) inbox.doCommand(protocol -> {
                Response[] responses = protocol.command("UID THREAD REFERENCES UTF-8 ALL", null);
                protocol.handleResult(responses[responses.length - 1]);
                return Arrays.stream(responses)
                        .map(Response::toString)
                        .filter(r -> r.startsWith("* THREAD"))
                        .findFirst()
                        .orElse("");
            });
            // RFC 5256 §4: the reply hangs under its parent, "(parent child)".
            assertThat(threads).containsPattern("\\(" + parent + " " + child + "\\)");
        }
    }

    /** Four messages: alpha, a reply to it, bravo and charlie, delivered out of order. */
    private void deliverThread(String tag) throws IOException {
        deliver(plainMessage(tag + "-c", "sort" + tag + " charlie", "3\r\n"));
        deliver(plainMessage(tag + "-a", "sort" + tag + " alpha", "1\r\n"));
        deliver(("From: Carol <carol@example.com>\r\nTo: " + USER + "\r\nSubject: Re: sort" + tag + " alpha\r\n"
                        + "Message-ID: <reply-" + tag + "@example.org>\r\nIn-Reply-To: <" + tag + "-a@example.org>\r\n"
                        + "References: <" + tag + "-a@example.org>\r\n\r\nagreed\r\n")
                .getBytes(StandardCharsets.UTF_8));
        deliver(plainMessage(tag + "-b", "sort" + tag + " bravo", "2\r\n"));
    }

    @Test
    void idleWakesOnLmtpDelivery() throws Exception {
        var trace = new ProtocolTrace();
        var session = session();
        session.setDebug(true);
        session.setDebugOut(new PrintStream(trace, true, StandardCharsets.UTF_8));
        try (var store = (IMAPStore) session.getStore("imap")) {
            store.connect("127.0.0.1", imapPort, USER, PASSWORD);
            var inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            int before = inbox.getMessageCount();
            var added = new CountDownLatch(1);
            var addedMessages = new ArrayList<Message>();
            inbox.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent e) {
                    addedMessages.addAll(List.of(e.getMessages()));
                    added.countDown();
                }
            });
            var idler = Thread.ofVirtual().start(() -> {
                try {
                    inbox.idle(true);
                } catch (MessagingException e) {
                    trace.failure = e;
                }
            });
            assertThat(trace.idling.await(10, TimeUnit.SECONDS))
                    .as("IDLE was acknowledged with a continuation; trace:%n%s", trace)
                    .isTrue();
            deliver(plainMessage(tag(), "Idle", "wake up\r\n"));
            assertThat(added.await(IDLE_WAKE_SECONDS, TimeUnit.SECONDS))
                    .as("MessageCountListener woken by the delivery; trace:%n%s", trace)
                    .isTrue();
            idler.join(Duration.ofSeconds(10));
            assertThat(trace.failure).isNull();
            assertThat(addedMessages).hasSize(1);
            assertThat(inbox.getMessageCount()).isEqualTo(before + 1);
            assertThat(addedMessages.getFirst().getSubject()).isEqualTo("Idle");
        }
    }

    // -- fixtures ---------------------------------------------------------------------------------

    private Session session() {
        var props = new Properties();
        props.put("mail.imap.connectiontimeout", "10000");
        props.put("mail.imap.timeout", "10000");
        // Search on the server, never Angus's client-side fallback that fetches every message.
        props.put("mail.imap.throwsearchexception", "true");
        // -Dangus.debug=true prints every session's protocol trace.
        props.put("mail.debug", System.getProperty("angus.debug", "false"));
        return Session.getInstance(props);
    }

    private IMAPStore connect() throws MessagingException {
        var store = (IMAPStore) session().getStore("imap");
        store.connect("127.0.0.1", imapPort, USER, PASSWORD);
        return store;
    }

    private static IMAPFolder openInbox(IMAPStore store) throws MessagingException {
        var inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        return inbox;
    }

    private void deliver(byte[] message) throws IOException {
        try (var lmtp = new LmtpClient("127.0.0.1", lmtpPort)) {
            var replies = lmtp.deliver("sender@example.org", List.of(USER), message);
            assertThat(replies).singleElement().asString().startsWith("250");
        }
    }

    /** The one message at or above a UIDNEXT seen before the delivery (STATUS, RFC 3501 §6.3.10). */
    private static Message onlyNew(IMAPFolder folder, long uidNextBefore) throws MessagingException {
        Message[] fresh = folder.getMessagesByUID(uidNextBefore, UIDFolder.LASTUID);
        assertThat(fresh).as("messages from UID %d on", uidNextBefore).hasSize(1);
        // "n:*" also names the last message when every UID is below n (RFC 3501 §6.4.8).
        assertThat(folder.getUID(fresh[0])).isGreaterThanOrEqualTo(uidNextBefore);
        return fresh[0];
    }

    private static Message newest(IMAPFolder folder) throws MessagingException {
        return folder.getMessage(folder.getMessageCount());
    }

    private static long uidOfSubject(IMAPFolder folder, String subject) throws MessagingException {
        for (Message m : folder.getMessages()) if (subject.equals(m.getSubject())) return folder.getUID(m);
        throw new AssertionError("no message with subject " + subject);
    }

    private static List<String> subjects(Message[] messages) throws MessagingException {
        var out = new ArrayList<String>();
        for (Message m : messages) out.add(m.getSubject());
        return out;
    }

    private static byte[] writeTo(Message message) throws IOException, MessagingException {
        var out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] body(byte[] message) {
        String s = new String(message, StandardCharsets.ISO_8859_1);
        return s.substring(s.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] plainMessage(String id, String subject, String body) {
        return ("From: Bob Sender <bob@example.org>\r\nTo: Angus <" + USER + ">\r\nSubject: " + subject
                        + "\r\nDate: Tue, 03 Nov 2026 10:15:00 +0100\r\nMessage-ID: <" + id + "@example.org>\r\n"
                        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                        + "Content-Transfer-Encoding: 8bit\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] multipartMessage(String tag, byte[] attachment) {
        String b64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(attachment);
        String boundary = "=_angus_" + tag;
        return ("From: =?UTF-8?Q?J=C3=BCrgen?= <juergen@example.net>\r\nTo: " + USER + "\r\n"
                        + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_=E2=80=93_" + tag + "?=\r\n"
                        + "Message-ID: <multi-" + tag + "@example.net>\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n"
                        + "--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                        + "Content-Transfer-Encoding: 8bit\r\n\r\nDas Bild ist angehängt.\r\n\r\n"
                        + "--" + boundary + "\r\nContent-Type: application/octet-stream; name=\"photo.bin\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n"
                        + "Content-Disposition: attachment; filename=\"photo.bin\"\r\n\r\n"
                        + b64 + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Angus Mail's protocol trace, watched for the moment IDLE is running: the server's
     * continuation after the client's IDLE command (RFC 2177 §3).
     */
    private static final class ProtocolTrace extends OutputStream {
        private static final Pattern IDLE_COMMAND = Pattern.compile("^\\S+ IDLE$");
        final CountDownLatch idling = new CountDownLatch(1);
        private final StringBuilder all = new StringBuilder();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private boolean idleSent;
        volatile MessagingException failure;

        @Override
        public synchronized void write(int b) {
            if (b != '\n') {
                line.write(b);
                return;
            }
            String l = line.toString(StandardCharsets.UTF_8).stripTrailing();
            line.reset();
            all.append(l).append('\n');
            if (IDLE_COMMAND.matcher(l).matches()) idleSent = true;
            else if (idleSent && l.startsWith("+")) idling.countDown();
        }

        @Override
        public synchronized String toString() {
            return all.toString();
        }
    }

    /** Checks that a delivery added only trace fields in front of the message (RFC 5321 §4.4). */
    private static final class TraceFields {
        private static final Pattern TRACE_FIELD =
                Pattern.compile("(?i)(Return-Path|Received|Delivered-To|X-Original-To):.*", Pattern.DOTALL);

        static boolean onlyAddedInFront(byte[] fetched, byte[] delivered) {
            int prefix = fetched.length - delivered.length;
            if (prefix < 0 || !Arrays.equals(fetched, prefix, fetched.length, delivered, 0, delivered.length))
                return false;
            String front = new String(fetched, 0, prefix, StandardCharsets.ISO_8859_1);
            for (String field : front.split("\r\n(?![ \t])"))
                if (!field.isEmpty() && !TRACE_FIELD.matcher(field).matches()) return false;
            return true;
        }
    }
}
