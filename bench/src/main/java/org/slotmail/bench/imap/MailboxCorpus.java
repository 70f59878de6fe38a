package org.slotmail.bench.imap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.james.mime4j.codec.EncoderUtil;
import org.apache.james.mime4j.codec.QuotedPrintableOutputStream;

/**
 * The messages a benchmark mailbox is filled with: message {@code i} of a corpus is always the
 * same bytes, so both servers get identical mail, and a rerun gets the same mail again.
 *
 * <p>They look like a real INBOX rather than a stress test: 2-20 KB (most near the small end),
 * plain text, text plus HTML alternatives, and mixed parts with a base64 attachment; two to four
 * Received lines, some DKIM signatures, mailing-list headers, replies with In-Reply-To and
 * References, Cc lists, RFC 2047 encoded subjects and names, quoted-printable UTF-8 bodies, and
 * a unique Message-ID each. Exactly the messages with {@code i % 100 == }{@value #SEARCH_RESIDUE}
 * carry {@link #SEARCH_WORD} in their first text part, so a BODY search has a known answer.
 */
final class MailboxCorpus {
    /** A word in 1 % of the messages' text and nowhere else in the corpus. */
    static final String SEARCH_WORD = "kumquat";

    static final int SEARCH_RESIDUE = 37;
    static final int MIN_SIZE = 2 * 1024;
    static final int MAX_SIZE = 20 * 1024;

    private static final Instant FIRST_DATE = Instant.parse("2025-01-06T08:00:00Z");
    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final int LINE_WIDTH = 72;

    private static final String[] FIRST_NAMES = {
        "Anna", "Ben", "Chloé", "David", "Eva", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Karin", "Liam", "Marta",
        "Nikolai", "Olivia", "Pedro", "Quentin", "Rosa", "Søren", "Tanja", "Umar", "Vera", "Wei", "Xenia", "Yusuf",
        "Zoë"
    };
    private static final String[] LAST_NAMES = {
        "Andersson", "Becker", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Hansen", "Ivanova", "Jensen",
        "Kowalski", "Laurent", "Müller", "Novak", "O'Brien", "Petrov", "Rossi", "Schmidt", "Tanaka", "Weber"
    };
    private static final String[] DOMAINS = {
        "example.org",
        "mail.example.net",
        "corp.example.com",
        "lists.example.org",
        "university.example.edu",
        "shop.example.com",
        "billing.example.net",
        "news.example.org"
    };
    private static final String[] SUBJECTS = {
        "Quarterly report draft",
        "Meeting notes from %s",
        "Invoice %d for your order",
        "Your parcel is on its way",
        "Agenda for the %s review",
        "Question about the budget",
        "Holiday schedule",
        "Build failed on main",
        "Welcome to the team, %s",
        "Minutes of the board meeting",
        "Slides for tomorrow",
        "Security notice for your account",
        "Weekly digest: %d new posts",
        "Lunch on %s?",
        "Updated contract attached",
        "Travel plans for the conference"
    };
    private static final String[] NON_ASCII_SUBJECTS = {
        "Grüße aus Zürich",
        "Réunion de l'équipe à 14 h",
        "Årsrapport för kvartal %d",
        "Ďakujem za pomoc",
        "Café next to the station — %s?",
        "Presupuesto año %d"
    };
    private static final String[] WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};
    private static final String[] WORDS = {
        "the",
        "of",
        "and",
        "a",
        "to",
        "in",
        "is",
        "that",
        "for",
        "it",
        "with",
        "as",
        "was",
        "on",
        "we",
        "should",
        "could",
        "would",
        "about",
        "after",
        "before",
        "please",
        "review",
        "attached",
        "thanks",
        "tomorrow",
        "schedule",
        "project",
        "update",
        "meeting",
        "report",
        "quarter",
        "budget",
        "numbers",
        "draft",
        "final",
        "team",
        "notes",
        "customer",
        "invoice",
        "shipping",
        "order",
        "release",
        "server",
        "deadline",
        "proposal",
        "contract",
        "feedback",
        "question",
        "answer",
        "office",
        "travel",
        "conference",
        "slides",
        "agenda",
        "summary",
        "decision",
        "approved",
        "pending",
        "changes",
        "version",
        "document",
        "spreadsheet",
        "figures",
        "afternoon",
        "morning",
        "week",
        "month",
        "year",
        "colleague",
        "manager",
        "support",
        "account",
        "payment",
        "delivery",
        "warehouse",
        "marketing",
        "launch",
        "campaign",
        "estimate",
        "timeline",
        "risk",
        "issue",
        "ticket",
        "resolved",
        "follow",
        "up",
        "call",
        "discuss",
        "confirm",
        "availability",
        "regards",
        "best"
    };
    private static final String[] NON_ASCII_WORDS = {"Grüße", "café", "naïve", "Zürich", "résumé", "Ångström", "señor"};
    private static final String[] ATTACHMENTS = {
        "application/pdf|report-%d.pdf",
        "image/png|screenshot-%d.png",
        "image/jpeg|IMG_%d.jpg",
        "application/zip|logs-%d.zip",
        "text/calendar|invite-%d.ics",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet|figures-%d.xlsx"
    };
    private static final String[] MAILERS = {
        "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0",
        "X-Mailer: Apple Mail (2.3774.200.91.1.1)",
        "X-Mailer: Microsoft Outlook 16.0",
        "User-Agent: Roundcube Webmail/1.6.9",
        "User-Agent: Mutt/2.2.13 (2024-03-09)"
    };

    private final long seed;
    private final String recipient;
    private final String tag;

    /**
     * @param seed picks the corpus; two mailboxes filled with different seeds share no message
     * @param recipient the address in every message's To (the mailbox's owner)
     */
    MailboxCorpus(long seed, String recipient) {
        this.seed = seed;
        this.recipient = recipient;
        this.tag = Long.toHexString(seed & 0xffffffffL);
    }

    /** A corpus of its own for each account, so no two accounts' messages are the same bytes. */
    static MailboxCorpus forAccount(String address) {
        return new MailboxCorpus(address.hashCode() * 0x9E3779B97F4A7C15L, address);
    }

    /** Whether message {@code index} contains {@link #SEARCH_WORD}. */
    static boolean containsSearchWord(long index) {
        return index % 100 == SEARCH_RESIDUE;
    }

    /** How many of the first {@code count} messages contain {@link #SEARCH_WORD}. */
    static long searchHits(long count) {
        return count / 100 + (count % 100 > SEARCH_RESIDUE ? 1 : 0);
    }

    /** Message {@code index}: RFC 5322 text with CRLF line ends. */
    byte[] message(long index) {
        SplittableRandom random = new SplittableRandom(seed ^ (index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL));
        int target = targetSize(random);
        StringBuilder head = new StringBuilder(2048);
        Instant date = FIRST_DATE.plusSeconds(index * 397 + random.nextInt(300));
        String sender = person(random);
        int shape = random.nextInt(10);
        appendTrace(head, random, date, index);
        appendHeaders(head, random, date, index, sender);
        ByteArrayOutputStream out = new ByteArrayOutputStream(target + 1024);
        boolean withWord = containsSearchWord(index);
        if (shape < 6) {
            boolean quotedPrintable = random.nextInt(5) == 0;
            head.append("MIME-Version: 1.0\r\n");
            head.append("Content-Type: text/plain; charset=")
                    .append(quotedPrintable ? "utf-8" : "us-ascii")
                    .append(random.nextBoolean() ? "; format=flowed" : "")
                    .append("\r\n");
            head.append("Content-Transfer-Encoding: ")
                    .append(quotedPrintable ? "quoted-printable" : "7bit")
                    .append("\r\n\r\n");
            write(out, head);
            int room = Math.max(200, target - out.size());
            writeText(out, random, room, quotedPrintable, withWord, sender);
        } else if (shape < 8) {
            String boundary = boundary(random, index);
            head.append("MIME-Version: 1.0\r\n");
            head.append("Content-Type: multipart/alternative;\r\n\tboundary=\"")
                    .append(boundary)
                    .append("\"\r\n\r\n");
            write(out, head);
            int room = Math.max(600, target - out.size());
            write(
                    out,
                    "--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                            + "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
            writeText(out, random, room * 2 / 5, true, withWord, sender);
            write(
                    out,
                    "\r\n--" + boundary + "\r\nContent-Type: text/html; charset=utf-8\r\n"
                            + "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
            writeHtml(out, random, room * 3 / 5, sender);
            write(out, "\r\n--" + boundary + "--\r\n");
        } else {
            String boundary = boundary(random, index);
            head.append("MIME-Version: 1.0\r\n");
            head.append("Content-Type: multipart/mixed;\r\n\tboundary=\"")
                    .append(boundary)
                    .append("\"\r\n\r\n");
            head.append("This is a multi-part message in MIME format.\r\n");
            write(out, head);
            int room = Math.max(1200, target - out.size());
            int textRoom = 300 + random.nextInt(900);
            write(
                    out,
                    "--" + boundary + "\r\nContent-Type: text/plain; charset=us-ascii\r\n"
                            + "Content-Transfer-Encoding: 7bit\r\n\r\n");
            writeText(out, random, textRoom, false, withWord, sender);
            String[] attachment = ATTACHMENTS[random.nextInt(ATTACHMENTS.length)].split("\\|");
            String fileName = attachment[1].formatted(100 + random.nextInt(900));
            write(
                    out,
                    "\r\n--" + boundary + "\r\nContent-Type: " + attachment[0] + ";\r\n\tname=\"" + fileName
                            + "\"\r\nContent-Disposition: attachment;\r\n\tfilename=\"" + fileName
                            + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n");
            // base64 grows bytes by 4/3 plus a CRLF per 76 characters.
            int raw = Math.max(64, (room - textRoom - 400) * 57 / 78);
            byte[] content = new byte[raw];
            for (int i = 0; i < raw; i++) content[i] = (byte) random.nextInt(256);
            write(out, Base64.getMimeEncoder().encodeToString(content));
            write(out, "\r\n--" + boundary + "--\r\n");
        }
        return out.toByteArray();
    }

    /** Mostly small, sometimes up to {@link #MAX_SIZE}: the log-uniform shape of real inboxes. */
    private static int targetSize(SplittableRandom random) {
        double span = Math.log((double) MAX_SIZE / MIN_SIZE);
        return (int) (MIN_SIZE * Math.exp(random.nextDouble() * span));
    }

    private void appendTrace(StringBuilder head, SplittableRandom random, Instant date, long index) {
        head.append("Return-Path: <bounces+")
                .append(index)
                .append("@")
                .append(DOMAINS[random.nextInt(DOMAINS.length)])
                .append(">\r\n");
        int hops = 2 + random.nextInt(3);
        for (int hop = 0; hop < hops; hop++) {
            String from = "mx" + (1 + random.nextInt(9)) + "." + DOMAINS[random.nextInt(DOMAINS.length)];
            head.append("Received: from ")
                    .append(from)
                    .append(" (")
                    .append(from)
                    .append(" [198.51.100.")
                    .append(1 + random.nextInt(254))
                    .append("])\r\n\tby mail.example.com with ESMTPS id ")
                    .append(Long.toHexString(random.nextLong()))
                    .append("\r\n\tfor <")
                    .append(recipient)
                    .append(">; ")
                    .append(format(date.plusSeconds(hops - hop)))
                    .append("\r\n");
        }
        if (random.nextInt(10) < 3) {
            head.append("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=")
                    .append(DOMAINS[random.nextInt(DOMAINS.length)])
                    .append(";\r\n\ts=selector1; h=from:to:subject:date:message-id;\r\n\tbh=")
                    .append(base64(random, 32))
                    .append(";\r\n\tb=");
            String signature = base64(random, 256);
            for (int i = 0; i < signature.length(); i += 64) {
                head.append(i == 0 ? "" : "\r\n\t").append(signature, i, Math.min(signature.length(), i + 64));
            }
            head.append("\r\n");
        }
    }

    private void appendHeaders(StringBuilder head, SplittableRandom random, Instant date, long index, String sender) {
        head.append("From: ").append(sender).append("\r\n");
        head.append("To: ").append(recipient).append("\r\n");
        if (random.nextInt(4) == 0) {
            head.append("Cc: ");
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) head.append(i == 0 ? "" : ",\r\n ").append(person(random));
            head.append("\r\n");
        }
        boolean reply = random.nextInt(6) == 0;
        String subject = subject(random, index);
        head.append("Subject: ")
                .append(EncoderUtil.encodeIfNecessary((reply ? "Re: " : "") + subject, EncoderUtil.Usage.TEXT_TOKEN, 9))
                .append("\r\n");
        head.append("Date: ").append(format(date)).append("\r\n");
        head.append("Message-ID: <").append(messageId(index)).append(">\r\n");
        if (reply) {
            String parent =
                    "<" + Long.toHexString(random.nextLong()) + "." + tag + "@" + DOMAINS[random.nextInt(4)] + ">";
            head.append("In-Reply-To: ").append(parent).append("\r\n");
            head.append("References: <")
                    .append(Long.toHexString(random.nextLong()))
                    .append("@example.org>\r\n ")
                    .append(parent)
                    .append("\r\n");
        }
        if (random.nextInt(7) == 0) {
            String list = WORDS[random.nextInt(WORDS.length)] + "-" + WORDS[random.nextInt(WORDS.length)];
            head.append("List-Id: <").append(list).append(".lists.example.org>\r\n");
            head.append("List-Unsubscribe: <mailto:").append(list).append("-leave@lists.example.org>\r\n");
            head.append("Precedence: list\r\n");
        }
        head.append(MAILERS[random.nextInt(MAILERS.length)]).append("\r\n");
    }

    /** A unique Message-ID: the index and the corpus make it so. */
    String messageId(long index) {
        return index + "." + tag + "@bench.example.net";
    }

    private static String subject(SplittableRandom random, long index) {
        String[] pool = random.nextInt(12) == 0 ? NON_ASCII_SUBJECTS : SUBJECTS;
        String template = pool[random.nextInt(pool.length)];
        return template.contains("%s")
                ? template.formatted(WEEKDAYS[random.nextInt(WEEKDAYS.length)])
                : template.contains("%d") ? template.formatted(1000 + index % 9000) : template;
    }

    private static String person(SplittableRandom random) {
        String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
        String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        String local = ascii(first + "." + last).toLowerCase(Locale.ROOT);
        String address = local + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
        return EncoderUtil.encodeAddressDisplayName(first + " " + last) + " <" + address + ">";
    }

    private static String ascii(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (char c : java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                .toCharArray()) {
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.') b.append(c);
            else if (c == 'ø') b.append('o');
        }
        return b.toString();
    }

    private static String boundary(SplittableRandom random, long index) {
        return "----=_Part_" + index + "_" + Long.toHexString(random.nextLong());
    }

    private static String base64(SplittableRandom random, int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) b[i] = (byte) random.nextInt(256);
        return Base64.getEncoder().encodeToString(b);
    }

    private static String format(Instant instant) {
        return RFC_5322_DATE.format(instant.atZone(ZoneOffset.ofHours(1)));
    }

    /** Word-wrapped paragraphs of about {@code length} bytes, signed, optionally quoted-printable UTF-8. */
    private static void writeText(
            ByteArrayOutputStream out,
            SplittableRandom random,
            int length,
            boolean quotedPrintable,
            boolean withWord,
            String sender) {
        String text = paragraphs(random, length, quotedPrintable, withWord) + "\r\n-- \r\n" + signature(sender);
        if (!quotedPrintable) {
            write(out, text);
            return;
        }
        try (QuotedPrintableOutputStream qp = new QuotedPrintableOutputStream(new NonClosing(out), false)) {
            qp.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeHtml(ByteArrayOutputStream out, SplittableRandom random, int length, String sender) {
        StringBuilder html = new StringBuilder(length + 200);
        html.append("<html><head><meta charset=\"utf-8\"></head>\r\n<body style=\"font-family: sans-serif\">\r\n");
        for (String paragraph : paragraphs(random, length * 2 / 3, true, false).split("\r\n\r\n")) {
            html.append("<p>").append(paragraph.replace("\r\n", " ")).append("</p>\r\n");
        }
        html.append("<p>").append(signature(sender).replace("\r\n", "<br>\r\n")).append("</p>\r\n</body></html>\r\n");
        try (QuotedPrintableOutputStream qp = new QuotedPrintableOutputStream(new NonClosing(out), false)) {
            qp.write(html.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String signature(String sender) {
        int angle = sender.indexOf('<');
        return sender.substring(angle + 1, sender.length() - 1) + "\r\nSent from the office\r\n";
    }

    private static String paragraphs(SplittableRandom random, int length, boolean nonAscii, boolean withWord) {
        StringBuilder text = new StringBuilder(length + 2 * LINE_WIDTH);
        StringBuilder line = new StringBuilder(LINE_WIDTH + 16);
        int wordAt = withWord ? random.nextInt(Math.max(1, Math.min(length, 600) / 6)) : -1;
        int words = 0;
        boolean sentenceStart = true;
        while (text.length() + line.length() < length) {
            String word = nonAscii && random.nextInt(25) == 0
                    ? NON_ASCII_WORDS[random.nextInt(NON_ASCII_WORDS.length)]
                    : WORDS[random.nextInt(WORDS.length)];
            if (words++ == wordAt) word = SEARCH_WORD;
            if (sentenceStart) word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            sentenceStart = random.nextInt(12) == 0;
            if (sentenceStart) word += ".";
            if (!line.isEmpty() && line.length() + 1 + word.length() > LINE_WIDTH) {
                text.append(line).append("\r\n");
                line.setLength(0);
                if (random.nextInt(6) == 0) text.append("\r\n");
            }
            if (!line.isEmpty()) line.append(' ');
            line.append(word);
        }
        // A message too short to reach the chosen word still gets it, on a line of its own.
        if (withWord && words <= wordAt) line.append(line.isEmpty() ? "" : " ").append(SEARCH_WORD);
        return text.append(line).append("\r\n").toString();
    }

    private static void write(ByteArrayOutputStream out, CharSequence text) {
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Lets the quoted-printable encoder flush into the message without closing it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(ByteArrayOutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {}
    }
}
