package org.slotmail.bench.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;
import org.junit.jupiter.api.Test;

class MailboxCorpusTest {
    private static final int SAMPLE = 1500;
    private final MailboxCorpus corpus = MailboxCorpus.forAccount("box@example.com");

    @Test
    void theSameIndexIsAlwaysTheSameBytes() {
        MailboxCorpus again = MailboxCorpus.forAccount("box@example.com");
        for (long i : new long[] {0, 1, 37, 99_999})
            assertThat(again.message(i)).isEqualTo(corpus.message(i));
    }

    @Test
    void twoAccountsShareNoMessage() {
        MailboxCorpus other = MailboxCorpus.forAccount("other@example.com");
        for (long i = 0; i < 50; i++) assertThat(other.message(i)).isNotEqualTo(corpus.message(i));
    }

    @Test
    void messagesAreTwoToTwentyKilobytesOfCrlfLinesWithinRfc5322Limits() {
        int[] sizes = new int[SAMPLE];
        for (int i = 0; i < SAMPLE; i++) {
            byte[] m = corpus.message(i);
            assertThat(m.length).as("message %d", i).isBetween(1800, 22 * 1024);
            sizes[i] = m.length;
            int lineLength = 0;
            for (int k = 0; k < m.length; k++) {
                if (m[k] == '\n') {
                    assertThat(m[k - 1])
                            .as("LF preceded by CR in message %d", i)
                            .isEqualTo((byte) '\r');
                    lineLength = 0;
                } else {
                    assertThat(m[k] == '\r' && m[k + 1] != '\n').isFalse();
                    assertThat(++lineLength).as("line length in message %d", i).isLessThanOrEqualTo(998);
                }
            }
        }
        // Log-uniform sizes: the median near sqrt(2 KB * 20 KB), far below the middle of the range.
        java.util.Arrays.sort(sizes);
        assertThat(sizes[SAMPLE / 2]).isBetween(5 * 1024, 8 * 1024);
    }

    @Test
    void everyMessageParsesAndHasItsOwnMessageId() throws IOException {
        Set<String> ids = new HashSet<>();
        int mixed = 0;
        int alternative = 0;
        int plain = 0;
        for (long i = 0; i < SAMPLE; i++) {
            Message m = parse(corpus.message(i));
            assertThat(m.getMessageId()).isEqualTo("<" + corpus.messageId(i) + ">");
            assertThat(ids.add(m.getMessageId())).isTrue();
            assertThat(m.getFrom()).hasSize(1);
            assertThat(m.getTo()).hasSize(1);
            assertThat(m.getDate()).isNotNull();
            assertThat(m.getSubject()).isNotBlank();
            switch (m.getMimeType()) {
                case "multipart/mixed" -> {
                    mixed++;
                    Multipart parts = (Multipart) m.getBody();
                    assertThat(parts.getBodyParts()).hasSize(2);
                    assertThat(parts.getBodyParts().get(1).getDispositionType()).isEqualTo("attachment");
                    assertThat(parts.getBodyParts().get(1).getContentTransferEncoding())
                            .isEqualTo("base64");
                }
                case "multipart/alternative" -> {
                    alternative++;
                    assertThat(((Multipart) m.getBody()).getBodyParts())
                            .extracting(Entity::getMimeType)
                            .containsExactly("text/plain", "text/html");
                }
                case "text/plain" -> plain++;
                default -> throw new AssertionError("unexpected type " + m.getMimeType());
            }
        }
        assertThat(mixed).isBetween(SAMPLE / 10, SAMPLE * 3 / 10);
        assertThat(alternative).isBetween(SAMPLE / 10, SAMPLE * 3 / 10);
        assertThat(plain).isGreaterThan(SAMPLE / 2);
    }

    @Test
    void headersVaryLikeRealMail() {
        int encodedSubjects = 0;
        int replies = 0;
        int lists = 0;
        int signed = 0;
        int quotedPrintable = 0;
        for (long i = 0; i < SAMPLE; i++) {
            String m = new String(corpus.message(i), StandardCharsets.US_ASCII);
            String head = m.substring(0, m.indexOf("\r\n\r\n"));
            if (head.contains("Subject: =?")) encodedSubjects++;
            if (head.contains("\r\nIn-Reply-To: ")) replies++;
            if (head.contains("\r\nList-Id: ")) lists++;
            if (head.startsWith("Return-Path:") && head.contains("\r\nDKIM-Signature: ")) signed++;
            if (m.contains("quoted-printable")) quotedPrintable++;
        }
        assertThat(encodedSubjects).isPositive();
        assertThat(replies).isGreaterThan(SAMPLE / 10);
        assertThat(lists).isGreaterThan(SAMPLE / 20);
        assertThat(signed).isGreaterThan(SAMPLE / 5);
        assertThat(quotedPrintable).isGreaterThan(SAMPLE / 10);
    }

    @Test
    void theSearchWordIsInTheDecodedTextOfExactlyOnePercent() throws IOException {
        long found = 0;
        for (long i = 0; i < SAMPLE; i++) {
            boolean has = text(parse(corpus.message(i)).getBody())
                    .toLowerCase(Locale.ROOT)
                    .contains(MailboxCorpus.SEARCH_WORD);
            assertThat(has).as("message %d", i).isEqualTo(MailboxCorpus.containsSearchWord(i));
            if (has) found++;
            // And nowhere else: not in a header, not in an attachment's base64.
            String raw = new String(corpus.message(i), StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            String head = raw.substring(0, raw.indexOf("\r\n\r\n"));
            assertThat(head).doesNotContain(MailboxCorpus.SEARCH_WORD);
        }
        assertThat(found).isEqualTo(MailboxCorpus.searchHits(SAMPLE));
    }

    @Test
    void searchHitsCountsTheChosenIndexes() {
        for (long n : new long[] {0, 1, 37, 38, 99, 100, 137, 138, 10_000, 100_000, 123_456}) {
            long expected = 0;
            for (long i = 0; i < n; i++) if (MailboxCorpus.containsSearchWord(i)) expected++;
            assertThat(MailboxCorpus.searchHits(n)).as("n=%d", n).isEqualTo(expected);
        }
    }

    private static Message parse(byte[] bytes) throws IOException {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.STRICT);
        return builder.parseMessage(new ByteArrayInputStream(bytes));
    }

    /** The decoded text of every text part, as a BODY search sees it. */
    private static String text(Body body) throws IOException {
        if (body instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (Entity part : multipart.getBodyParts()) all.append(text(part.getBody()));
            return all.toString();
        }
        if (body instanceof TextBody textBody) {
            try (InputStream in = textBody.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return "";
    }
}
