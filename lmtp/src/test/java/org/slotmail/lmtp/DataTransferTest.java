package org.slotmail.lmtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.Recipient;

/** What DATA stores, and what each recipient is told, over a real socket. */
class DataTransferTest {
    private TestServer server = new TestServer();

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private LmtpClient transaction(String... recipients) throws IOException {
        var c = server.connect().greet();
        assertThat(c.send("MAIL FROM:<sender@example.net>")).startsWith("250 ");
        for (String r : recipients) assertThat(c.send("RCPT TO:<" + r + ">")).startsWith("250 ");
        assertThat(c.send("DATA")).startsWith("354 ");
        return c;
    }

    @Nested
    class Bytes {
        @Test
        void dotStuffingIsRemovedAndEveryLineEndsInCrlf() throws IOException {
            var c = transaction("alice@example.com");
            c.write("Subject: dots\r\n\r\n..leading dot\r\n...\r\nbare lf\nlone\rcr\r\n.x\r\n\r\n.\r\n");
            assertThat(c.line()).startsWith("250 ");
            assertThat(server.store.stored.getFirst().body())
                    .isEqualTo("Subject: dots\r\n\r\n.leading dot\r\n..\r\nbare lf\r\nlone\r\ncr\r\nx\r\n\r\n");
        }

        @Test
        void aBareLfDotBareLfAlsoEndsTheData() throws IOException {
            var c = transaction("alice@example.com");
            c.write("Subject: lf\n\nonly lf\n.\n");
            assertThat(c.line()).startsWith("250 ");
            assertThat(server.store.stored.getFirst().body()).isEqualTo("Subject: lf\r\n\r\nonly lf\r\n");
        }

        @Test
        void nulAndEightBitBytesInTheBodyAreStoredAsSent() throws IOException {
            var c = transaction("alice@example.com");
            c.write("Subject: nul\r\n\r\na\0b \u00e9\u00ff\r\n.\r\n");
            assertThat(c.line()).startsWith("250 ");
            assertThat(server.store.stored.getFirst().body()).isEqualTo("Subject: nul\r\n\r\na\0b \u00e9\u00ff\r\n");
        }

        @Test
        void oneRecipientIsNamedInTheReceivedHeader() throws IOException {
            var c = transaction("Alice@Example.com");
            c.write("Subject: trace\r\n\r\nx\r\n.\r\n");
            String reply = c.line();
            String id = reply.substring(reply.lastIndexOf(' ') + 1);
            assertThat(server.store.stored.getFirst().text())
                    .matches("(?s)Return-Path: <sender@example\\.net>\r\n"
                            + "Received: from mta\\.example\\.net \\(\\[127\\.0\\.0\\.1\\]\\)\r\n"
                            + "\tby lmtp\\.test\\.example with LMTP id " + id + "\r\n"
                            + "\tfor <Alice@example\\.com>;\r\n"
                            + "\t\\w{3}, \\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\r\n"
                            + "Subject: trace\r\n\r\nx\r\n");
        }

        @Test
        void severalRecipientsShareOneCopyWithoutAForClause() throws IOException {
            var c = transaction("alice@example.com", "bob@example.com");
            c.write("Subject: shared\r\n\r\nx\r\n.\r\n");
            assertThat(c.line()).startsWith("250 2.0.0 <alice@example.com>");
            assertThat(c.line()).startsWith("250 2.0.0 <bob@example.com>");
            assertThat(server.store.deliveries)
                    .singleElement()
                    .satisfies(r -> assertThat(r).hasSize(2));
            assertThat(server.store.stored).hasSize(2);
            assertThat(server.store.stored.get(0).bytes())
                    .isEqualTo(server.store.stored.get(1).bytes());
            assertThat(server.store.stored.getFirst().text()).doesNotContain("\tfor ");
        }

        @Test
        void theNullSenderGivesAnEmptyReturnPath() throws IOException {
            var c = server.connect().greet();
            c.send("MAIL FROM:<>");
            c.send("RCPT TO:<bob@example.com>");
            c.send("DATA");
            c.write("Subject: bounce\r\n\r\n.\r\n");
            assertThat(c.line()).startsWith("250 ");
            assertThat(server.store.stored.getFirst().text()).startsWith("Return-Path: <>\r\nReceived: ");
        }

        @Test
        void theSameMailboxNamedTwiceGetsTwoRepliesAndOneCopy() throws IOException {
            var c = transaction("bob@example.com", "BOB@example.com");
            c.write("x\r\n.\r\n");
            assertThat(c.line()).startsWith("250 2.0.0 <bob@example.com>");
            assertThat(c.line()).startsWith("250 2.0.0 <BOB@example.com>");
            assertThat(server.store.stored).hasSize(1);
        }
    }

    @Nested
    class Folders {
        @Test
        void userPlusFolderDeliversIntoThatFolder() throws IOException {
            var c = transaction("ALICE+Lists@EXAMPLE.COM");
            c.write("x\r\n.\r\n");
            assertThat(c.line()).startsWith("250 ");
            assertThat(server.store.deliveries.getFirst())
                    .containsExactly(new Recipient(server.alice, Optional.of(new MailboxName("Lists"))));
            assertThat(server.store.stored.getFirst().mailbox()).isEqualTo(new MailboxName("Lists"));
        }

        @Test
        void aFolderThatDoesNotExistEndsUpInInbox() throws IOException {
            var c = transaction("alice+nosuchfolder@example.com");
            c.write("x\r\n.\r\n");
            assertThat(c.line()).startsWith("250 ");
            assertThat(server.store.stored.getFirst().mailbox()).isEqualTo(MailboxName.INBOX);
        }

        @Test
        void aDetailThatCannotBeAMailboxNameDeliversToInbox() throws IOException {
            var c = transaction("alice+a*b@example.com");
            c.write("x\r\n.\r\n");
            assertThat(c.line()).startsWith("250 ");
            assertThat(server.store.deliveries.getFirst())
                    .containsExactly(new Recipient(server.alice, Optional.empty()));
        }

        @Test
        void anUnknownUserWithADetailIsStillUnknown() throws IOException {
            var c = server.connect().greet();
            c.send("MAIL FROM:<s@example.net>");
            assertThat(c.send("RCPT TO:<nobody+Lists@example.com>")).startsWith("550 5.1.1 ");
        }

        @Test
        void postmasterWithoutDomainIsLookedUpInTheDefaultDomain() throws IOException {
            server.directory.add("postmaster@example.com", org.slotmail.mailbox.QuotaLimits.UNLIMITED);
            var c = server.connect().greet();
            c.send("MAIL FROM:<s@example.net>");
            assertThat(c.send("RCPT TO:<Postmaster>")).startsWith("250 2.1.5 <Postmaster>");
        }
    }

    @Nested
    class Limits {
        @Test
        void anOversizedMessageIsReadToItsEndRefusedForEachRecipientAndTheSessionGoesOn() throws IOException {
            server.close();
            server = new TestServer(LmtpSettings.defaults(TestServer.HOST).withMaxMessageSize(1000));
            var c = transaction("alice@example.com", "bob@example.com");
            c.write("Subject: big\r\n\r\n" + "0123456789012345678901234567890123456789\r\n".repeat(100) + ".\r\n");
            assertThat(c.line()).startsWith("552 5.3.4 <alice@example.com>");
            assertThat(c.line()).startsWith("552 5.3.4 <bob@example.com>");
            assertThat(server.store.stored).isEmpty();
            assertThat(server.store.writersDiscarded).hasValue(1);

            c.send("MAIL FROM:<sender@example.net>");
            c.send("RCPT TO:<alice@example.com>");
            c.send("DATA");
            c.write("Subject: small\r\n\r\nfits\r\n.\r\n");
            assertThat(c.line()).startsWith("250 2.0.0 <alice@example.com>");
            assertThat(server.store.stored)
                    .singleElement()
                    .satisfies(m -> assertThat(m.body()).contains("fits"));
        }

        @Test
        void aDeclaredSizeOverTheLimitIsRefusedAtMail() throws IOException {
            var c = server.connect().greet();
            assertThat(c.send("MAIL FROM:<s@example.net> SIZE=52428801")).startsWith("552 5.3.4 ");
            assertThat(c.send("MAIL FROM:<s@example.net> SIZE=52428800")).startsWith("250 ");
        }

        @Test
        void aRecipientOverQuotaIsToldAfterDataWith552() throws IOException {
            var c = transaction("green@example.com", "bob@example.com");
            c.write("Subject: quota\r\n\r\n" + "x".repeat(300) + "\r\n.\r\n");
            assertThat(c.line()).isEqualTo("552 5.2.2 <green@example.com> mailbox is full");
            assertThat(c.line()).startsWith("250 2.0.0 <bob@example.com>");
        }

        @Test
        void aMessageLargerThanTheWholeQuotaIsRefusedAtRcpt() throws IOException {
            var c = server.connect().greet();
            c.send("MAIL FROM:<s@example.net> SIZE=5000");
            assertThat(c.send("RCPT TO:<green@example.com>"))
                    .isEqualTo("552 5.2.2 <green@example.com> mailbox is full");
            assertThat(c.send("RCPT TO:<bob@example.com>")).startsWith("250 ");
        }
    }

    @Nested
    class Failures {
        @Test
        void aClientLeavingDuringDataLeavesNothingStored() throws IOException {
            var c = transaction("alice@example.com");
            c.write("Subject: cut\r\n\r\nhalf a mess");
            c.close();
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> assertThat(server.store.writersDiscarded).hasValue(1));
            assertThat(server.store.stored).isEmpty();
            assertThat(server.store.deliveries).isEmpty();
        }

        @Test
        void anUnavailableStoreGets451ForEveryRecipient() throws IOException {
            server.store.deliveryFailure = new MailboxException(MailboxException.Reason.UNAVAILABLE, "replica");
            var c = transaction("alice@example.com", "bob@example.com");
            c.write("x\r\n.\r\n");
            assertThat(c.line()).startsWith("451 4.3.0 <alice@example.com>");
            assertThat(c.line()).startsWith("451 4.3.0 <bob@example.com>");
            assertThat(c.send("NOOP")).startsWith("250 ");
        }

        @Test
        void aStoreBugGets451NotASuccess() throws IOException {
            server.store.deliveryFailure = new IllegalStateException("test: store bug");
            var c = transaction("alice@example.com");
            c.write("x\r\n.\r\n");
            assertThat(c.line()).startsWith("451 4.3.0 ");
        }

        @Test
        void aFailingWriteIsReadToTheEndAnswered451AndTheSessionGoesOn() throws IOException {
            server.store.failWrites = true;
            var c = transaction("alice@example.com");
            c.write("Subject: lost\r\n\r\n" + "data\r\n".repeat(10_000) + ".\r\n");
            assertThat(c.line()).startsWith("451 4.3.0 ");
            server.store.failWrites = false;
            assertThat(c.send("MAIL FROM:<s@example.net>")).startsWith("250 ");
        }

        @Test
        void aFailingDirectoryGives451AtRcpt() throws IOException {
            server.directory.failure = new IllegalStateException("test: directory down");
            var c = server.connect().greet();
            c.send("MAIL FROM:<s@example.net>");
            assertThat(c.send("RCPT TO:<alice@example.com>")).startsWith("451 4.3.0 ");
        }
    }
}
