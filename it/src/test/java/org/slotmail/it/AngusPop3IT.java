package org.slotmail.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jakarta Mail's POP3 client (Angus Mail) against a real {@code slotmail up}, over POP3 with STLS
 * required and over POP3S, trusting only the demo certificate {@code up} made: messages delivered
 * over LMTP read back byte for byte, UIDs are the same in every session and over both ports, and
 * deleting through the client removes exactly those messages when the folder is closed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AngusPop3IT {
    private static final String USER = "angus-pop3@example.com";
    private static final String PASSWORD = "pw-secret-angus-pop3";

    private SlotmailProcess up;
    private int portBase;
    private SSLContext trustingDemoCertificate;

    @BeforeAll
    void startServer(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        var add = SlotmailProcess.run(
                PASSWORD + "\n", "user", "add", USER, "--password-stdin", "--data", data.toString());
        assertThat(add.exitCode()).as(add.err()).isZero();
        portBase = 20000 + ThreadLocalRandom.current().nextInt(300) * 100;
        up = SlotmailProcess.up(data, portBase, Duration.ofSeconds(60));
        trustingDemoCertificate =
                trusting(data.resolve("slots").resolve("s1").resolve("tls").resolve("demo-cert.pem"));
    }

    @AfterAll
    void stopServer() throws InterruptedException {
        if (up != null) up.close();
    }

    private static SSLContext trusting(Path pem) throws Exception {
        var trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trust.setCertificateEntry(
                    "demo", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        var context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** A connected store: "pop3" with STLS required, or "pop3s" (implicit TLS). */
    private Store connect(String protocol) throws Exception {
        var props = new Properties();
        String prefix = "mail." + protocol + ".";
        props.put(prefix + "host", "localhost");
        props.put(prefix + "port", Integer.toString(portBase + (protocol.equals("pop3") ? 110 : 995)));
        props.put(prefix + "ssl.socketFactory", trustingDemoCertificate.getSocketFactory());
        props.put(prefix + "ssl.checkserveridentity", "true");
        if (protocol.equals("pop3")) {
            props.put(prefix + "starttls.enable", "true");
            props.put(prefix + "starttls.required", "true");
        }
        Store store = Session.getInstance(props).getStore(protocol);
        store.connect(USER, PASSWORD);
        return store;
    }

    private void deliver(byte[] message) throws Exception {
        try (var lmtp = new LmtpClient("127.0.0.1", portBase + 24)) {
            assertThat(lmtp.deliver("sender@example.org", List.of(USER), message))
                    .singleElement()
                    .asString()
                    .startsWith("250");
        }
    }

    private static byte[] message(String tag, String body) {
        return ("From: Bob <bob@example.org>\r\nTo: " + USER + "\r\nSubject: pop3 " + tag + "\r\nMessage-ID: <" + tag
                        + "@example.org>\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Message m) throws Exception {
        var out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    private static boolean endsWith(byte[] all, byte[] tail) {
        return all.length >= tail.length
                && Arrays.equals(all, all.length - tail.length, all.length, tail, 0, tail.length);
    }

    /** Message-ID to UID for every message in INBOX. */
    private static Map<String, String> uids(Store store) throws Exception {
        var inbox = (POP3Folder) store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        try {
            var out = new HashMap<String, String>();
            for (Message m : inbox.getMessages()) out.put(m.getHeader("Message-ID")[0], inbox.getUID(m));
            return out;
        } finally {
            inbox.close(false);
        }
    }

    @Test
    void deliveredMessagesReadBackByteForByteOverStlsAndPop3s() throws Exception {
        String tag = UUID.randomUUID().toString();
        byte[] dotted = message(tag, "Grüße.\r\n.a dotted line\r\n..two dots\r\n.\r\nend\r\n");
        deliver(dotted);
        for (String protocol : List.of("pop3", "pop3s")) {
            try (var store = connect(protocol)) {
                var inbox = (POP3Folder) store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                Message found = null;
                for (Message m : inbox.getMessages()) {
                    if (("<" + tag + "@example.org>").equals(m.getHeader("Message-ID")[0])) found = m;
                }
                assertThat(found).as("%s: the delivered message", protocol).isNotNull();
                byte[] fetched = bytes(found);
                assertThat(endsWith(fetched, dotted))
                        .as(
                                "%s RETR ends with the delivered bytes:%n%s",
                                protocol, new String(fetched, StandardCharsets.UTF_8))
                        .isTrue();
                // LIST's size is the whole message (Message.getSize is only its body in Jakarta Mail).
                assertThat(inbox.getSizes()[found.getMessageNumber() - 1]).isEqualTo(fetched.length);
                assertThat(found.getSubject()).isEqualTo("pop3 " + tag);
                assertThat(inbox.getUID(found)).matches("[0-9a-f]{32}\\.\\d+");
                inbox.close(false);
            }
        }
    }

    @Test
    void uidsAreTheSameInEverySessionAndOverBothPorts() throws Exception {
        deliver(message(UUID.randomUUID().toString(), "one\r\n"));
        deliver(message(UUID.randomUUID().toString(), "two\r\n"));
        Map<String, String> first;
        try (var store = connect("pop3")) {
            first = uids(store);
        }
        try (var store = connect("pop3s")) {
            assertThat(uids(store)).isEqualTo(first);
        }
        try (var store = connect("pop3")) {
            assertThat(uids(store)).isEqualTo(first);
        }
        assertThat(first.values()).doesNotHaveDuplicates();
    }

    @Test
    void deletedMessagesGoWhenTheFolderClosesWithExpunge() throws Exception {
        String keep = UUID.randomUUID().toString();
        String drop = UUID.randomUUID().toString();
        deliver(message(keep, "keep me\r\n"));
        deliver(message(drop, "delete me\r\n"));
        try (var store = connect("pop3s")) {
            var inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            for (Message m : inbox.getMessages()) {
                if (("<" + drop + "@example.org>").equals(m.getHeader("Message-ID")[0])) {
                    m.setFlag(Flags.Flag.DELETED, true);
                }
            }
            // Closing with expunge is DELE then QUIT: the UPDATE state (RFC 1939 §6).
            inbox.close(true);
        }
        try (var store = connect("pop3")) {
            assertThat(uids(store))
                    .containsKey("<" + keep + "@example.org>")
                    .doesNotContainKey("<" + drop + "@example.org>");
        }
    }
}
