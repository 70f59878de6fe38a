package org.slotmail.pop3.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The POP3 grammar (RFC 1939 §3-7, RFC 2449 §5, RFC 2595 §4, RFC 5034 §4), line by line. */
class CommandParserTest {
    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("USER mrose", new Command.User("mrose")),
                Arguments.of("user alice@example.com", new Command.User("alice@example.com")),
                Arguments.of("USER  spaced  ", new Command.User("spaced")),
                Arguments.of("USER jörg@example.com", new Command.User("jörg@example.com")),
                Arguments.of("PASS secret", new Command.Pass("secret")),
                Arguments.of("PASS two words ", new Command.Pass("two words ")),
                Arguments.of("PASS  lead", new Command.Pass(" lead")),
                Arguments.of("AUTH", new Command.Auth(Optional.empty(), Optional.empty())),
                Arguments.of("AUTH plain", new Command.Auth(Optional.of("PLAIN"), Optional.empty())),
                Arguments.of(
                        "AUTH PLAIN AGFsaWNlAHB3", new Command.Auth(Optional.of("PLAIN"), Optional.of("AGFsaWNlAHB3"))),
                Arguments.of("AUTH LOGIN =", new Command.Auth(Optional.of("LOGIN"), Optional.of("="))),
                Arguments.of("CAPA", new Command.Capa()),
                Arguments.of("stls", new Command.Stls()),
                Arguments.of("STAT", new Command.Stat()),
                Arguments.of("STAT ", new Command.Stat()),
                Arguments.of("LIST", new Command.ListMessages(OptionalLong.empty())),
                Arguments.of("LIST 2", new Command.ListMessages(OptionalLong.of(2))),
                Arguments.of("LIST 007", new Command.ListMessages(OptionalLong.of(7))),
                Arguments.of("UIDL", new Command.Uidl(OptionalLong.empty())),
                Arguments.of("UIDL 1", new Command.Uidl(OptionalLong.of(1))),
                Arguments.of("TOP 1 10", new Command.Top(1, 10)),
                Arguments.of("TOP 1 0", new Command.Top(1, 0)),
                Arguments.of("RETR 1", new Command.Retr(1)),
                Arguments.of("RETR 999999999999999999", new Command.Retr(999_999_999_999_999_999L)),
                Arguments.of("DELE 1", new Command.Dele(1)),
                Arguments.of("RSET", new Command.Rset()),
                Arguments.of("NOOP", new Command.Noop()),
                Arguments.of("QUIT", new Command.Quit()),
                Arguments.of("APOP mrose c4c9334bac560ecc979e58001b3e22fb", new Command.NotSupported("APOP")),
                Arguments.of("LAST", new Command.NotSupported("LAST")));
    }

    @ParameterizedTest
    @MethodSource
    void valid(String line, Command expected) {
        assertThat(CommandParser.parse(line.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("USER", "USER"),
                Arguments.of("USER a b", "USER"),
                Arguments.of("PASS", "PASS"),
                Arguments.of("PASS ", "PASS"),
                Arguments.of("AUTH PLAIN a b", "AUTH"),
                Arguments.of("AUTH PL@IN", "AUTH"),
                Arguments.of("AUTH " + "X".repeat(21), "AUTH"),
                Arguments.of("CAPA now", "CAPA"),
                Arguments.of("LIST one", "LIST"),
                Arguments.of("LIST 1 2", "LIST"),
                Arguments.of("LIST -1", "LIST"),
                Arguments.of("LIST 1x", "LIST"),
                Arguments.of("RETR", "RETR"),
                Arguments.of("RETR 1234567890123456789", "RETR"),
                Arguments.of("TOP 1", "TOP"),
                Arguments.of("TOP 1 -1", "TOP"),
                Arguments.of("DELE 1\t", "DELE"),
                Arguments.of("DELE \u0001", "DELE"),
                Arguments.of("STAT é", "STAT"),
                Arguments.of("QUIT \u0000", "QUIT"));
    }

    @ParameterizedTest
    @MethodSource
    void invalid(String line, String verb) {
        assertThat(CommandParser.parse(line.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        Command.Invalid.class, i -> assertThat(i.verb()).isEqualTo(verb));
    }

    static Stream<Arguments> unknown() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("HELO there", "HELO"),
                Arguments.of("X-1 a", "X-1"),
                Arguments.of(" STAT", ""),
                Arguments.of("ST\u0000AT", "ST?AT"),
                Arguments.of("QUIT\u0000", "QUIT?"),
                Arguments.of("A".repeat(41), "A".repeat(20)));
    }

    @ParameterizedTest
    @MethodSource
    void unknown(String line, String verb) {
        assertThat(CommandParser.parse(line.getBytes(StandardCharsets.UTF_8))).isEqualTo(new Command.Unknown(verb));
    }

    @org.junit.jupiter.api.Test
    void passwordsNeverAppearInToString() {
        assertThat(CommandParser.parse("PASS hunter2".getBytes(StandardCharsets.US_ASCII))
                        .toString())
                .doesNotContain("hunter2");
        assertThat(CommandParser.parse("AUTH PLAIN AGFsaWNlAGh1bnRlcjI=".getBytes(StandardCharsets.US_ASCII))
                        .toString())
                .doesNotContain("AGFsaWNlAGh1bnRlcjI=");
    }
}
