package org.slotmail.slot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.QuotaLimits;
import org.slotmail.mailbox.UidSet;

class SlotTest {
    @TempDir
    Path dir;

    /** The control plane's view of accounts, as a slot sees it. */
    static final class Directory implements AccountDirectory {
        final Map<String, Account> accounts = new ConcurrentHashMap<>();
        final List<Long> deleted = new CopyOnWriteArrayList<>();

        @Override
        public Optional<Account> find(String address) {
            return Optional.ofNullable(accounts.get(address.toLowerCase()));
        }

        @Override
        public Optional<Account> authenticate(String address, char[] password) {
            return Optional.empty();
        }

        @Override
        public List<Long> deletedAccountIds() {
            return deleted;
        }
    }

    private static void deliver(int port, String rcpt, String body) throws Exception {
        try (var s = new Socket("127.0.0.1", port);
                var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))) {
            OutputStream out = s.getOutputStream();
            out.write(("LHLO t\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<" + rcpt + ">\r\nDATA\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line;
            while (!(line = in.readLine()).startsWith("354")) assertThat(line).matches("^(220|250).*");
            out.write(("Subject: t\r\n\r\n" + body + "\r\n.\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).startsWith("250");
        }
    }

    @Test
    void deliversOverLmtpIntoTheStoreAndPurgesDeletedAccounts() throws Exception {
        var directory = new Directory();
        var bob = new Account(7, "bob@example.com", QuotaLimits.UNLIMITED);
        directory.accounts.put(bob.address(), bob);
        var config = SlotConfig.standalone(
                "s1", dir, "127.0.0.1", Ports.ephemeral(), "slot.test", SlotConfig.DEFAULT_MAX_MESSAGE_SIZE);
        try (var slot = Slot.start(config, directory)) {
            deliver(slot.lmtpAddress().getPort(), "bob@example.com", "hello bob");
            var inbox = slot.store().account(bob).open(MailboxName.INBOX);
            assertThat(inbox.fetch(UidSet.ALL)).hasSize(1);
            try (var content = inbox.content(1)) {
                assertThat(new String(content.readAllBytes(), StandardCharsets.US_ASCII))
                        .startsWith("Return-Path: <a@example.org>\r\nReceived: ")
                        .endsWith("Subject: t\r\n\r\nhello bob\r\n");
            }
            directory.accounts.remove(bob.address());
            directory.deleted.add(bob.id());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> slot.store().accounts().isEmpty());
            assertThat(slot.store().storedAccount(bob.address())).isEmpty();
        }
    }

    @Test
    void pop3ListensWithStlsAndPop3sWithImplicitTls() throws Exception {
        var config = SlotConfig.standalone(
                "s1", dir, "127.0.0.1", Ports.ephemeral(), "slot.test", SlotConfig.DEFAULT_MAX_MESSAGE_SIZE);
        try (var slot = Slot.start(config, new Directory())) {
            try (var s = new Socket("127.0.0.1", slot.pop3Address().getPort());
                    var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))) {
                assertThat(in.readLine()).startsWith("+OK");
                s.getOutputStream().write("CAPA\r\n".getBytes(StandardCharsets.US_ASCII));
                var capabilities = new java.util.ArrayList<String>();
                for (String line = in.readLine(); !line.equals("."); line = in.readLine()) capabilities.add(line);
                assertThat(capabilities).contains("STLS");
            }
            // The demo certificate is self-signed: trust everything, this checks only that TLS comes first.
            var context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {new TrustAll()}, null);
            try (var s = context.getSocketFactory()
                            .createSocket("127.0.0.1", slot.pop3sAddress().getPort());
                    var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))) {
                assertThat(in.readLine()).startsWith("+OK");
            }
        }
    }

    private static final class TrustAll implements javax.net.ssl.X509TrustManager {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String type) {}

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String type) {}

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }
}
