package org.slotmail.bench;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Builds RFC 5322 messages of an exact byte size: the headers an MTA would hand to LMTP, then a
 * plain-text body padded so that headers + body are exactly {@code size} bytes, CRLF line endings.
 *
 * <p>Every message gets its own Message-ID, so a server that stores blobs by content hash stores
 * each one (no accidental deduplication flatters it). The body text is generated once and sliced,
 * so building a 64 KB message in the timed loop costs one array copy, not text generation.
 */
public final class MessageFactory {
    static final String MESSAGE_ID_DOMAIN = "bench.example.net";
    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final String[] WORDS = {
        "mail",
        "store",
        "replica",
        "the",
        "of",
        "and",
        "a",
        "to",
        "delivery",
        "message",
        "queue",
        "is",
        "in",
        "that",
        "for",
        "it",
        "with",
        "as",
        "was",
        "on",
        "meeting",
        "report",
        "quarter",
        "budget",
        "please",
        "review",
        "attached",
        "thanks",
        "tomorrow",
        "schedule",
        "project",
        "update",
        "server",
        "disk",
        "we",
        "should",
        "could",
        "would",
        "about",
        "after",
        "before",
        "numbers",
        "draft",
        "final",
        "team",
        "notes"
    };
    /** Short of RFC 5322's 78-character recommendation, like most mail clients wrap. */
    private static final int LINE_WIDTH = 72;

    private final int size;
    private final String envelopeFrom;
    private final String runId;
    private final byte[] bodyText;

    public MessageFactory(int size, String envelopeFrom, String runId, long seed) {
        this.size = size;
        this.envelopeFrom = envelopeFrom;
        this.runId = runId;
        this.bodyText = bodyText(size, new SplittableRandom(seed));
    }

    int size() {
        return size;
    }

    /** The message numbered {@code sequence} (unique within the run) addressed to {@code recipients}. */
    public byte[] create(long sequence, List<String> recipients) {
        byte[] head = headers(sequence, recipients).getBytes(StandardCharsets.US_ASCII);
        int bodyLength = size - head.length;
        if (bodyLength < 2) {
            throw new IllegalArgumentException(
                    "message size " + size + " is smaller than its " + (head.length + 2) + " bytes of headers");
        }
        byte[] message = new byte[size];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(bodyText, 0, message, head.length, bodyLength - 2);
        // The slice may end between CR and LF; a lone CR is not allowed in a message, so end the line.
        if (bodyLength > 2 && message[size - 3] == '\r') {
            message[size - 3] = 'x';
        }
        message[size - 2] = '\r';
        message[size - 1] = '\n';
        return message;
    }

    private String headers(long sequence, List<String> recipients) {
        String date = RFC_5322_DATE.format(ZonedDateTime.now());
        String messageId = sequence + "." + runId + "@" + MESSAGE_ID_DOMAIN;
        return "Received: from mx1.example.net (mx1.example.net [192.0.2.25])\r\n"
                + "\tby " + MESSAGE_ID_DOMAIN + " with ESMTPS id " + runId + sequence + ";\r\n"
                + "\t" + date + "\r\n"
                + "From: Load Generator <" + envelopeFrom + ">\r\n"
                + toHeader(recipients)
                + "Subject: Benchmark message " + sequence + " of run " + runId + "\r\n"
                + "Date: " + date + "\r\n"
                + "Message-ID: <" + messageId + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "Content-Transfer-Encoding: 7bit\r\n"
                + "\r\n";
    }

    /** {@code To:} with every recipient, folded like a mail client folds it so no line grows past 78. */
    private static String toHeader(List<String> recipients) {
        StringBuilder header = new StringBuilder("To: ");
        int lineLength = header.length();
        for (int i = 0; i < recipients.size(); i++) {
            String address = recipients.get(i) + (i < recipients.size() - 1 ? "," : "");
            if (i > 0 && lineLength + 1 + address.length() > LINE_WIDTH) {
                header.append("\r\n");
                lineLength = 0;
            }
            if (i > 0) {
                header.append(' ');
                lineLength++;
            }
            header.append(address);
            lineLength += address.length();
        }
        return header.append("\r\n").toString();
    }

    /** Word-wrapped paragraphs, at least {@code length} bytes; no line starts with a dot. */
    private static byte[] bodyText(int length, SplittableRandom random) {
        StringBuilder text = new StringBuilder(length + 2 * LINE_WIDTH);
        StringBuilder line = new StringBuilder(LINE_WIDTH + 16);
        boolean sentenceStart = true;
        while (text.length() < length) {
            String word = WORDS[random.nextInt(WORDS.length)];
            if (sentenceStart) {
                word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            }
            sentenceStart = random.nextInt(12) == 0;
            if (sentenceStart) {
                word += ".";
            }
            if (!line.isEmpty() && line.length() + 1 + word.length() > LINE_WIDTH) {
                text.append(line).append("\r\n");
                line.setLength(0);
                if (random.nextInt(8) == 0) {
                    text.append("\r\n"); // a paragraph break every eight lines or so
                }
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        text.append(line).append("\r\n");
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
