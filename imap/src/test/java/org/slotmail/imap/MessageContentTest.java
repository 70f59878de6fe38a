package org.slotmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mailbox.Account;

/** FETCH of sections and BINARY, SEARCH on decoded text, SORT and THREAD, on real stored messages. */
class MessageContentTest {
    static final String MULTIPART = String.join(
            "\r\n",
            "From: =?ISO-8859-1?Q?J=F6rg?= <joerg@example.org>",
            "To: alice@example.com",
            "Subject: =?UTF-8?B?R3LDvMOfZQ==?= from the meeting",
            "Date: Tue, 03 Nov 2026 09:00:00 +0100",
            "Message-ID: <root@example.org>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"b1\"",
            "",
            "preamble",
            "--b1",
            "Content-Type: text/plain; charset=ISO-8859-1",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "Das Protokoll ist fertig, sch=F6ne Gr=FC=DFe.",
            "--b1",
            "Content-Type: application/octet-stream; name=\"data.bin\"",
            "Content-Transfer-Encoding: base64",
            "",
            "AAECAwQFBgcICQ==",
            "--b1--",
            "");

    @TempDir
    Path dir;

    TestServer server;
    Account alice;
    ImapTestClient c;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dir);
        alice = server.user("alice@example.com");
        server.deliver(alice, MULTIPART);
        server.deliver(
                alice,
                String.join(
                        "\r\n",
                        "From: Bob <bob@example.org>",
                        "Subject: Re: Grüße from the meeting",
                        "Date: Wed, 04 Nov 2026 09:00:00 +0000",
                        "Message-ID: <reply@example.org>",
                        "In-Reply-To: <root@example.org>",
                        "References: <root@example.org>",
                        "",
                        "Thanks! The minutes are attached.",
                        ""));
        server.deliver(
                alice,
                String.join(
                        "\r\n",
                        "From: Carol <carol@example.org>",
                        "Subject: lunch",
                        "Date: Mon, 02 Nov 2026 12:00:00 +0000",
                        "Message-ID: <lunch@example.org>",
                        "",
                        "Anyone for lunch?",
                        ""));
        c = server.login("alice@example.com");
        c.ok("SELECT INBOX");
    }

    @AfterEach
    void stop() throws Exception {
        c.close();
        server.close();
    }

    @Test
    void sectionsAreTheExactBytesOfEachPart() throws Exception {
        List<String> fetch = c.ok(
                "FETCH 1 (BODY.PEEK[1] BODY.PEEK[2.MIME] BODY.PEEK[HEADER.FIELDS (Subject)] BODY.PEEK[TEXT]<0.8>)");
        String line = fetch.getFirst();
        assertThat(line).contains("BODY[1] {45}\r\nDas Protokoll ist fertig, sch=F6ne Gr=FC=DFe.");
        assertThat(line)
                .contains("BODY[2.MIME] {94}\r\nContent-Type: application/octet-stream; name=\"data.bin\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n");
        assertThat(line)
                .contains(
                        "BODY[HEADER.FIELDS (SUBJECT)] {54}\r\nSubject: =?UTF-8?B?R3LDvMOfZQ==?= from the meeting\r\n\r\n");
        assertThat(line).contains("BODY[TEXT]<0> {8}\r\npreamble");
        assertThat(c.ok("FETCH 1 (FLAGS)").getFirst()).doesNotContain("\\Seen");
    }

    @Test
    void nonexistentPartIsAnEmptyString() throws Exception {
        assertThat(c.ok("FETCH 3 (BODY.PEEK[4.2])").getFirst()).contains("BODY[4.2] \"\"");
    }

    @Test
    void bodyWithoutPeekSetsSeenAndReportsIt() throws Exception {
        String line = c.ok("FETCH 3 (BODY[TEXT])").getFirst();
        assertThat(line).contains("Anyone for lunch?").contains("FLAGS (\\Seen");
    }

    @Test
    void binaryDecodesTheTransferEncoding() throws Exception {
        String line = c.ok("FETCH 1 (BINARY.SIZE[2] BINARY.PEEK[1])").getFirst();
        assertThat(line).contains("BINARY.SIZE[2] 10");
        assertThat(line).contains("BINARY[1] ~{39}");
        c.send("b1 FETCH 1 (BINARY.PEEK[2])\r\n");
        byte[] expected = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        String header = "* 1 FETCH (BINARY[2] ~{10}\r\n";
        byte[] got = c.in.readNBytes(header.length() + 10);
        assertThat(new String(got, 0, header.length(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo(header);
        assertThat(java.util.Arrays.copyOfRange(got, header.length(), got.length))
                .isEqualTo(expected);
        assertThat(c.until("b1").getLast()).startsWith("b1 OK");
    }

    @Test
    void searchMatchesDecodedHeadersAndBodies() throws Exception {
        assertThat(c.ok("SEARCH CHARSET UTF-8 SUBJECT \"grüße\"")).contains("* SEARCH 1 2");
        assertThat(c.ok("SEARCH CHARSET UTF-8 FROM {5+}\r\njörg")).contains("* SEARCH 1");
        assertThat(c.ok("SEARCH CHARSET UTF-8 BODY \"SCHÖNE GRÜSSE\"")).contains("* SEARCH");
        assertThat(c.ok("SEARCH CHARSET UTF-8 BODY \"schöne grüße\"")).contains("* SEARCH 1");
        assertThat(c.ok("SEARCH TEXT lunch")).contains("* SEARCH 3");
        assertThat(c.ok("SEARCH HEADER In-Reply-To \"\"")).contains("* SEARCH 2");
        assertThat(c.ok("SEARCH SENTBEFORE 3-Nov-2026")).contains("* SEARCH 3");
        assertThat(c.ok("SEARCH OR BODY minutes BODY lunch")).contains("* SEARCH 2 3");
        assertThat(c.ok("SEARCH NOT BODY minutes")).contains("* SEARCH 1 3");
    }

    @Test
    void esearchAndSavedResults() throws Exception {
        assertThat(c.ok("UID SEARCH RETURN (MIN MAX COUNT) ALL"))
                .contains("* ESEARCH (TAG \"t3\") UID MIN 1 MAX 3 COUNT 3");
        c.ok("SEARCH RETURN (SAVE) BODY minutes");
        assertThat(c.ok("UID FETCH $ (UID)")).anyMatch(l -> l.equals("* 2 FETCH (UID 2)"));
    }

    @Test
    void sortByDateSubjectAndFrom() throws Exception {
        assertThat(c.ok("SORT (DATE) UTF-8 ALL")).contains("* SORT 3 1 2");
        assertThat(c.ok("SORT (REVERSE DATE) UTF-8 ALL")).contains("* SORT 2 1 3");
        assertThat(c.ok("SORT (SUBJECT DATE) UTF-8 ALL")).contains("* SORT 1 2 3");
        assertThat(c.ok("UID SORT (FROM) UTF-8 ALL")).contains("* SORT 2 3 1");
    }

    @Test
    void threadByReferencesAndSubject() throws Exception {
        assertThat(c.ok("THREAD REFERENCES UTF-8 ALL")).contains("* THREAD (3)(1 2)");
        assertThat(c.ok("THREAD ORDEREDSUBJECT UTF-8 ALL")).contains("* THREAD (3)(1 2)");
    }
}
