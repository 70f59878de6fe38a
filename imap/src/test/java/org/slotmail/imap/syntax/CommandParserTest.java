package org.slotmail.imap.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.slotmail.mailbox.FlagUpdate;
import org.slotmail.mailbox.Flags;
import org.slotmail.net.LineReader;

class CommandParserTest {
    private static final Limits LIMITS = Limits.defaults(1 << 20);

    private int continuations;

    private Command parse(String text) throws Exception {
        var reader = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 4096, () -> {});
        var in = new ImapInput(reader, LIMITS, () -> continuations++);
        assertThat(in.next()).isInstanceOf(ImapInput.Start.Command.class);
        assertThat(in.tag()).isEqualTo("a1");
        in.sp();
        return new CommandParser(LIMITS.maxMessageSize(), (body, size, binary) -> null).parse(in);
    }

    @Test
    void loginTakesAtomsQuotedStringsAndLiterals() throws Exception {
        assertThat(parse("a1 LOGIN alice \"p a\\\"ss\"\r\n")).isEqualTo(new Login("alice", "p a\"ss"));
        assertThat(parse("a1 login {5}\r\nalice {3+}\r\npw!\r\n")).isEqualTo(new Login("alice", "pw!"));
        assertThat(continuations).isEqualTo(1); // only the synchronizing literal asks
    }

    @Test
    void loginNeverPrintsThePassword() throws Exception {
        assertThat(parse("a1 LOGIN alice pw-secret-1\r\n").toString()).doesNotContain("pw-secret");
    }

    @Test
    void fetchExpandsMacrosAndParsesSectionsAndPartials() throws Exception {
        var fetch = (Fetch) parse("a1 UID FETCH 1:*,7 (FAST BODY.PEEK[1.2.HEADER.FIELDS (From to)]<10.20> BINARY[3])"
                + " (CHANGEDSINCE 42)\r\n");
        assertThat(fetch.uid()).isTrue();
        assertThat(fetch.set().toString()).isEqualTo("1:*,7");
        assertThat(fetch.changedSince()).isEqualTo(OptionalLong.of(42));
        assertThat(fetch.items())
                .startsWith(new FetchItem.Flags(), new FetchItem.InternalDate(), new FetchItem.Rfc822Size());
        var body = (FetchItem.Body) fetch.items().get(3);
        assertThat(body.section().label()).isEqualTo("1.2.HEADER.FIELDS (FROM TO)");
        assertThat(body.partial()).contains(new FetchItem.Partial(10, 20));
        assertThat(body.peek()).isTrue();
        assertThat(fetch.items().get(4))
                .isEqualTo(new FetchItem.Binary(
                        new Section(List.of(3), Section.Kind.ALL, List.of()), Optional.empty(), false));
    }

    @Test
    void storeParsesModeSilenceAndUnchangedSince() throws Exception {
        var store = (Store) parse("a1 STORE 2:4 (UNCHANGEDSINCE 9) -FLAGS.SILENT (\\Seen $Junk)\r\n");
        assertThat(store.mode()).isEqualTo(FlagUpdate.Mode.REMOVE);
        assertThat(store.silent()).isTrue();
        assertThat(store.unchangedSince()).isEqualTo(OptionalLong.of(9));
        assertThat(store.flags()).containsExactly("\\Seen", "$Junk");
    }

    @Test
    void searchBuildsAKeyTree() throws Exception {
        var search = (Search)
                parse(
                        "a1 UID SEARCH RETURN (MIN COUNT) CHARSET UTF-8 OR FROM alice (UNSEEN SINCE 1-Feb-2024) NOT UID 3:5\r\n");
        assertThat(search.returns()).contains(List.of("MIN", "COUNT"));
        assertThat(search.key())
                .isEqualTo(new SearchKey.And(List.of(
                        new SearchKey.Or(
                                new SearchKey.Header("FROM", "alice"),
                                new SearchKey.And(List.of(
                                        new SearchKey.SystemFlag(Flags.SEEN, false),
                                        new SearchKey.DateKey(
                                                false, SearchKey.Comparison.SINCE, LocalDate.of(2024, 2, 1))))),
                        new SearchKey.Not(
                                new SearchKey.Uid(new SequenceSet(List.of(new SequenceSet.Range(3, 5)), false))))));
    }

    @Test
    void unknownCharsetIsBadCharsetNotBad() {
        assertThatThrownBy(() -> parse("a1 SEARCH CHARSET X-NOPE ALL\r\n"))
                .isInstanceOf(SyntaxException.class)
                .extracting(e -> ((SyntaxException) e).code())
                .asString()
                .startsWith("BADCHARSET");
    }

    @Test
    void selectWithQresyncParameters() throws Exception {
        var select = (Select)
                parse("a1 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541 (1:5 1,3:6)))\r\n");
        var q = select.qresync().orElseThrow();
        assertThat(q.uidValidity()).isEqualTo(67890007L);
        assertThat(q.knownUids().orElseThrow().toString()).isEqualTo("41,43:211,214:541");
        assertThat(q.knownSequences().orElseThrow().toString()).isEqualTo("1:5");
    }

    @Test
    void listExtendedAndStatusReturn() throws Exception {
        var list = (ListMailboxes)
                parse("a1 LIST (SUBSCRIBED) \"\" (INBOX* %/x) RETURN (CHILDREN STATUS (MESSAGES UIDNEXT))\r\n");
        assertThat(list.selection()).containsExactly("SUBSCRIBED");
        assertThat(list.patterns()).containsExactly("INBOX*", "%/x");
        assertThat(list.statusItems()).contains(List.of("MESSAGES", "UIDNEXT"));
    }

    @Test
    void malformedCommandsAreSyntaxErrors() {
        for (String bad : List.of(
                "a1 FETCH\r\n",
                "a1 FETCH 0 FLAGS\r\n",
                "a1 FETCH 1 (FLAGS\r\n",
                "a1 STORE 1 FLAGZ (\\Seen)\r\n",
                "a1 LOGIN \"unterminated\r\n",
                "a1 SEARCH SINCE 31-Feb-2024\r\n",
                "a1 SELECT INBOX (QRESYNC (0 1))\r\n",
                "a1 FETCH 1 BODY[1.MIME.X]\r\n",
                "a1 UID FETCH 1 FLAGS (VANISHED)\r\n",
                "a1 NOOP extra\r\n")) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(SyntaxException.class);
        }
    }

    @Test
    void modifiedUtf7RoundTripsAndRejectsAmbiguousForms() throws Exception {
        assertThat(ModifiedUtf7.encode("Entwürfe & Co")).isEqualTo("Entw&APw-rfe &- Co");
        assertThat(ModifiedUtf7.decode("Entw&APw-rfe &- Co")).isEqualTo("Entwürfe & Co");
        assertThat(ModifiedUtf7.decode(ModifiedUtf7.encode("日本語/メール"))).isEqualTo("日本語/メール");
        for (String bad : List.of("&Jjo", "&AGE-", "&ZeVnLIqe-&ZeVnLIqe-", "a\u00e9", "&!!-")) {
            assertThatThrownBy(() -> ModifiedUtf7.decode(bad)).as(bad).isInstanceOf(SyntaxException.class);
        }
    }
}
