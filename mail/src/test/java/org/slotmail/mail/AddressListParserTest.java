package org.slotmail.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 5322 §3.4 address forms, and the obsolete and broken ones real mail has. */
class AddressListParserTest {
    private static Address a(String name, String adl, String mailbox, String host) {
        return new Address(name, adl, mailbox, host);
    }

    private static final Address GROUP_END = a(null, null, null, null);

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("plain addr-spec", "user@example.com", List.of(a(null, null, "user", "example.com"))),
                Arguments.of(
                        "name-addr",
                        "Joe Q. Public <john.q.public@example.com>",
                        List.of(a("Joe Q. Public", null, "john.q.public", "example.com"))),
                Arguments.of(
                        "quoted display name with comma",
                        "\"Doe, John\" <jd@example.com>",
                        List.of(a("Doe, John", null, "jd", "example.com"))),
                Arguments.of(
                        "escaped quote in name",
                        "\"Joe \\\"J\\\" Q\" <j@example.com>",
                        List.of(a("Joe \"J\" Q", null, "j", "example.com"))),
                Arguments.of(
                        "list of two",
                        "Mary Smith <mary@x.test>, jdoe@example.org",
                        List.of(a("Mary Smith", null, "mary", "x.test"), a(null, null, "jdoe", "example.org"))),
                Arguments.of(
                        "group with members",
                        "A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;",
                        List.of(
                                a(null, null, "A Group", null),
                                a("Ed Jones", null, "c", "a.test"),
                                a(null, null, "joe", "where.test"),
                                a("John", null, "jdoe", "one.test"),
                                GROUP_END)),
                Arguments.of(
                        "empty group",
                        "Undisclosed recipients:;",
                        List.of(a(null, null, "Undisclosed recipients", null), GROUP_END)),
                Arguments.of(
                        "unterminated group",
                        "G: a@b.test",
                        List.of(a(null, null, "G", null), a(null, null, "a", "b.test"), GROUP_END)),
                Arguments.of(
                        "source route",
                        "<@relay1.test,@relay2.test:user@example.com>",
                        List.of(a(null, "@relay1.test,@relay2.test", "user", "example.com"))),
                Arguments.of(
                        "old style comment name",
                        "user@example.com (Joe User)",
                        List.of(a("Joe User", null, "user", "example.com"))),
                Arguments.of(
                        "comments in odd places",
                        "Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>",
                        List.of(a("Pete", null, "pete", "silly.test"))),
                Arguments.of(
                        "quoted local part",
                        "\"john doe\"@example.com",
                        List.of(a(null, null, "john doe", "example.com"))),
                Arguments.of("domain literal", "user@[192.0.2.1]", List.of(a(null, null, "user", "[192.0.2.1]"))),
                Arguments.of("missing domain", "postmaster", List.of(a(null, null, "postmaster", ""))),
                Arguments.of("missing domain in angle", "Admin <root>", List.of(a("Admin", null, "root", ""))),
                Arguments.of("empty angle", "<>", List.of()),
                Arguments.of("extra commas", ",, a@b.test ,,", List.of(a(null, null, "a", "b.test"))),
                Arguments.of("unclosed angle", "Joe <joe@example.com", List.of(a("Joe", null, "joe", "example.com"))),
                Arguments.of("empty", "", List.of()),
                Arguments.of("only whitespace", "  \t ", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void parsesForm(String description, String value, List<Address> expected) {
        assertThat(AddressListParser.parse(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void aMailboxIsNeverMistakenForAGroupMarker(String description, String value, List<Address> expected) {
        int depth = 0;
        for (Address address : AddressListParser.parse(value)) {
            if (address.host() == null) {
                depth += address.mailbox() == null ? -1 : 1;
                assertThat(depth).isBetween(0, 1);
            } else {
                assertThat(address.mailbox()).isNotNull();
            }
        }
        assertThat(depth).isZero();
    }
}
