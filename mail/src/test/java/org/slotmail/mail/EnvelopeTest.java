package org.slotmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slotmail.mail.Messages.crlf;
import static org.slotmail.mail.Messages.parse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
    @Test
    void rfc3501ExampleGivesTheEnvelopeTheRfcShows() {
        // The message behind the FETCH example of RFC 3501 §6.4.5 / RFC 9051 §6.4.5.
        Envelope e = parse(crlf("""
                Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)
                From: Terry Gray <gray@cac.washington.edu>
                Subject: IMAP4rev1 WG mtg summary and minutes
                To: imap@cac.washington.edu
                cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>
                Message-Id: <B27397-0100000@cac.washington.edu>
                MIME-Version: 1.0
                Content-Type: TEXT/PLAIN; CHARSET=US-ASCII

                Hello Joe, do you think we can meet at 3:30 tomorrow?
                """)).envelope();

        List<Address> terry = List.of(new Address("Terry Gray", null, "gray", "cac.washington.edu"));
        assertThat(e)
                .isEqualTo(new Envelope(
                        "Wed, 17 Jul 1996 02:23:25 -0700 (PDT)",
                        "IMAP4rev1 WG mtg summary and minutes",
                        terry,
                        terry,
                        terry,
                        List.of(new Address(null, null, "imap", "cac.washington.edu")),
                        List.of(
                                new Address(null, null, "minutes", "CNRI.Reston.VA.US"),
                                new Address("John Klensin", null, "KLENSIN", "MIT.EDU")),
                        List.of(),
                        null,
                        "<B27397-0100000@cac.washington.edu>"));
    }

    @Test
    void senderDefaultsToFrom() {
        Envelope e = parse(crlf("From: a@example.com\nReply-To: r@example.com\n\nx\n"))
                .envelope();
        assertThat(e.sender()).isEqualTo(e.from()).containsExactly(new Address(null, null, "a", "example.com"));
        assertThat(e.replyTo()).containsExactly(new Address(null, null, "r", "example.com"));
    }

    @Test
    void replyToDefaultsToFrom() {
        Envelope e =
                parse(crlf("From: a@example.com\nSender: s@example.com\n\nx\n")).envelope();
        assertThat(e.replyTo()).isEqualTo(e.from());
        assertThat(e.sender()).containsExactly(new Address(null, null, "s", "example.com"));
    }

    @Test
    void emptySenderAndReplyToDefaultToFrom() {
        Envelope e =
                parse(crlf("From: a@example.com\nSender:\nReply-To:  \n\nx\n")).envelope();
        assertThat(e.sender()).isEqualTo(e.from());
        assertThat(e.replyTo()).isEqualTo(e.from());
    }

    @Test
    void absentHeadersAreNullOrEmpty() {
        Envelope e = parse(crlf("X-Other: 1\n\nbody\n")).envelope();
        assertThat(e)
                .isEqualTo(new Envelope(
                        null, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, null));
    }

    @Test
    void encodedWordSubjectStaysEncoded() {
        Envelope e = parse(crlf("Subject: =?UTF-8?B?SGVsbG8gV8O2cmxk?=\n =?ISO-8859-1?Q?caf=E9?=\n\nx\n"))
                .envelope();
        assertThat(e.subject()).isEqualTo("=?UTF-8?B?SGVsbG8gV8O2cmxk?= =?ISO-8859-1?Q?caf=E9?=");
    }

    @Test
    void foldedValuesAreUnfolded() {
        Envelope e = parse(crlf("""
                Subject: a long
                \tsubject line
                In-Reply-To:
                 <parent@example.com>
                Message-ID: <id@example.com>\s\s

                x
                """)).envelope();
        assertThat(e.subject()).isEqualTo("a long\tsubject line");
        assertThat(e.inReplyTo()).isEqualTo("<parent@example.com>");
        assertThat(e.messageId()).isEqualTo("<id@example.com>");
    }

    @Test
    void encodedWordDisplayNameStaysEncoded() {
        Envelope e = parse(crlf("From: =?utf-8?q?J=C3=B6rg?= <joerg@example.com>\n\nx\n"))
                .envelope();
        assertThat(e.from()).containsExactly(new Address("=?utf-8?q?J=C3=B6rg?=", null, "joerg", "example.com"));
    }

    @Test
    void groupsHaveStartAndEndMarkers() {
        Envelope e = parse(crlf("To: A Group: ed@example.com, \"Dee\" <dee@example.com>;, solo@example.com\n"
                        + "Cc: undisclosed-recipients:;\n\nx\n"))
                .envelope();
        assertThat(e.to())
                .containsExactly(
                        new Address(null, null, "A Group", null),
                        new Address(null, null, "ed", "example.com"),
                        new Address("Dee", null, "dee", "example.com"),
                        new Address(null, null, null, null),
                        new Address(null, null, "solo", "example.com"));
        assertThat(e.cc())
                .containsExactly(
                        new Address(null, null, "undisclosed-recipients", null), new Address(null, null, null, null));
    }

    @Test
    void utf8HeadersAreReadAsUtf8() {
        byte[] raw = "Subject: Grüße\r\nFrom: Jörg <j@exämple.com>\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8);
        Envelope e = Messages.parse(raw).envelope();
        assertThat(e.subject()).isEqualTo("Grüße");
        assertThat(e.from()).containsExactly(new Address("Jörg", null, "j", "exämple.com"));
    }

    @Test
    void latin1HeadersKeepEveryByte() {
        byte[] raw = "Subject: caf\u00e9\r\n\r\nx\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Messages.parse(raw).envelope().subject()).isEqualTo("caf\u00e9");
    }

    @Test
    void firstOccurrenceOfARepeatedHeaderWins() {
        Envelope e = parse(crlf("Subject: one\nSubject: two\n\nx\n")).envelope();
        assertThat(e.subject()).isEqualTo("one");
    }

    @Test
    void emptySubjectIsEmptyNotAbsent() {
        assertThat(parse(crlf("Subject:\n\nx\n")).envelope().subject()).isEmpty();
    }
}
