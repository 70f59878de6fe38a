package org.slotmail.lmtp.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slotmail.lmtp.syntax.Command.Problem;

class CommandParserTest {
    private static Command parse(String line) {
        return CommandParser.parse(line.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Address addr(String local, String domain) {
        return new Address(local, domain);
    }

    private static MailFrom from(Address sender) {
        return new MailFrom(Optional.ofNullable(sender), OptionalLong.empty(), Optional.empty());
    }

    static Stream<Arguments> validMailAndRcpt() {
        return Stream.of(
                arguments("MAIL FROM:<a@b.example>", from(addr("a", "b.example"))),
                arguments("mail from:<A@B.Example>", from(addr("A", "B.Example"))),
                arguments("MAIL FROM: <a@b.example>", from(addr("a", "b.example"))),
                arguments("MAIL FROM:<>", from(null)),
                arguments(
                        "MAIL FROM:<a@b.example> SIZE=1024 BODY=8BITMIME",
                        new MailFrom(
                                Optional.of(addr("a", "b.example")),
                                OptionalLong.of(1024),
                                Optional.of(BodyType.EIGHT_BIT_MIME))),
                arguments(
                        "MAIL FROM:<a@b.example>  body=7bit ",
                        new MailFrom(
                                Optional.of(addr("a", "b.example")),
                                OptionalLong.empty(),
                                Optional.of(BodyType.SEVEN_BIT))),
                arguments(
                        "MAIL FROM:<a@b.example> SIZE=99999999999999999999",
                        new MailFrom(
                                Optional.of(addr("a", "b.example")),
                                OptionalLong.of(Long.MAX_VALUE),
                                Optional.empty())),
                arguments("MAIL FROM:<@r1.example,@r2.example:a@b.example>", from(addr("a", "b.example"))),
                arguments("MAIL FROM:<\"john doe\"@b.example>", from(addr("john doe", "b.example"))),
                arguments("MAIL FROM:<\"a\\\"q\\\\\"@b.example>", from(addr("a\"q\\", "b.example"))),
                arguments("MAIL FROM:<\"a>b\"@b.example>", from(addr("a>b", "b.example"))),
                arguments(
                        "MAIL FROM:<first.last+tag@sub-1.b.example>", from(addr("first.last+tag", "sub-1.b.example"))),
                arguments("MAIL FROM:<a@[192.0.2.1]>", from(addr("a", "[192.0.2.1]"))),
                arguments("MAIL FROM:<a@[IPv6:2001:db8::1]>", from(addr("a", "[IPv6:2001:db8::1]"))),
                arguments("RCPT TO:<u+Folder@example.com>", new RcptTo(addr("u+Folder", "example.com"))),
                arguments("rcpt to: <u@example.com>", new RcptTo(addr("u", "example.com"))),
                arguments("RCPT TO:<Postmaster>", new RcptTo(addr("Postmaster", ""))),
                arguments("RCPT TO:<@relay.example:u@example.com>", new RcptTo(addr("u", "example.com"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validMailAndRcpt")
    void validMailAndRcptCommandsParse(String line, Command expected) {
        assertThat(parse(line)).isEqualTo(expected);
    }

    static Stream<Arguments> invalidMailAndRcpt() {
        return Stream.of(
                arguments("MAIL FROM:a@b.example", Problem.BAD_SENDER),
                arguments("MAIL FROM:<a@b.example", Problem.BAD_SENDER),
                arguments("MAIL FROM:<a b@b.example>", Problem.BAD_SENDER),
                arguments("MAIL FROM:<a..b@b.example>", Problem.BAD_SENDER),
                arguments("MAIL FROM:<.a@b.example>", Problem.BAD_SENDER),
                arguments("MAIL FROM:<a@-b.example>", Problem.BAD_SENDER),
                arguments("MAIL FROM:<a@b-.example>", Problem.BAD_SENDER),
                arguments("MAIL FROM:<a@b..example>", Problem.BAD_SENDER),
                arguments("MAIL FROM:<a@>", Problem.BAD_SENDER),
                arguments("MAIL FROM:<a>", Problem.BAD_SENDER),
                arguments("MAIL FROM:<\"\"@b.example>", Problem.BAD_SENDER),
                arguments("MAIL FROM:<@r1.example:>", Problem.BAD_SENDER),
                arguments("MAIL FROM:<@r1.example a@b.example>", Problem.BAD_SENDER),
                arguments("MAIL FROM:<a@[]>", Problem.BAD_SENDER),
                arguments("MAIL FROM:<" + "a".repeat(250) + "@b.example>", Problem.BAD_SENDER),
                arguments("MAIL FROM:<a@b.example>junk", Problem.SYNTAX),
                arguments("MAIL TO:<a@b.example>", Problem.SYNTAX),
                arguments("MAIL", Problem.SYNTAX),
                arguments("MAIL FROM:<a@b.example> SIZE=abc", Problem.SYNTAX),
                arguments("MAIL FROM:<a@b.example> SIZE=", Problem.SYNTAX),
                arguments("MAIL FROM:<a@b.example> SIZE", Problem.SYNTAX),
                arguments("MAIL FROM:<a@b.example> SIZE=-1", Problem.SYNTAX),
                arguments("MAIL FROM:<a@b.example> SIZE=123456789012345678901", Problem.SYNTAX),
                arguments("MAIL FROM:<a@b.example> SIZE=1 SIZE=2", Problem.SYNTAX),
                arguments("MAIL FROM:<a@b.example> =x", Problem.SYNTAX),
                arguments("MAIL FROM:<a@b.example> BODY=BINARYMIME", Problem.UNSUPPORTED_PARAMETER),
                arguments("MAIL FROM:<a@b.example> SMTPUTF8", Problem.UNSUPPORTED_PARAMETER),
                arguments("RCPT TO:<>", Problem.BAD_RECIPIENT),
                arguments("RCPT TO:<Postmaster@>", Problem.BAD_RECIPIENT),
                arguments("RCPT TO:<alice>", Problem.BAD_RECIPIENT),
                arguments("RCPT TO:<\"unterminated@b.example>", Problem.BAD_RECIPIENT),
                arguments("RCPT TO:<u@b.example> NOTIFY=NEVER", Problem.UNSUPPORTED_PARAMETER),
                arguments("RCPT FROM:<u@b.example>", Problem.SYNTAX),
                arguments("RCPT TO:<u@b.example>\t", Problem.SYNTAX),
                arguments("RCPT TO:<u\0@b.example>", Problem.SYNTAX));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidMailAndRcpt")
    void invalidMailAndRcptCommandsSayWhatIsWrong(String line, Problem problem) {
        assertThat(parse(line))
                .isInstanceOfSatisfying(
                        Command.Invalid.class, i -> assertThat(i.problem()).isEqualTo(problem));
    }

    @Test
    void verbsAreCaseInsensitiveAndTrailingSpacesIgnored() {
        assertThat(parse("lhlo mta.example ")).isEqualTo(new Lhlo("mta.example"));
        assertThat(parse("Data")).isEqualTo(new Command.Data());
        assertThat(parse("QUIT  ")).isEqualTo(new Command.Quit());
        assertThat(parse("noop whatever")).isEqualTo(new Command.Noop());
    }

    @Test
    void heloEhloAndUnofferedVerbsAreRecognisedButNotCommands() {
        assertThat(parse("EHLO x")).isEqualTo(new Command.LegacyHello("EHLO"));
        assertThat(parse("helo x")).isEqualTo(new Command.LegacyHello("HELO"));
        assertThat(parse("STARTTLS")).isEqualTo(new Command.StartTls());
        assertThat(parse("STARTTLS now")).isInstanceOf(Command.Invalid.class);
        assertThat(parse("FOO bar")).isEqualTo(new Command.Unknown("FOO"));
        assertThat(parse("12 34")).isEqualTo(new Command.Unknown("12"));
    }

    @Test
    void lhloNeedsExactlyOneName() {
        assertThat(parse("LHLO")).isInstanceOf(Command.Invalid.class);
        assertThat(parse("LHLO a b")).isInstanceOf(Command.Invalid.class);
    }

    @Test
    void quotedLocalPartsAreWrittenBackOnlyWhenTheyNeedQuotes() {
        assertThat(addr("john doe", "B.Example").text()).isEqualTo("\"john doe\"@b.example");
        assertThat(addr("a\"q", "b.example").text()).isEqualTo("\"a\\\"q\"@b.example");
        assertThat(addr("plain.name", "b.example").text()).isEqualTo("plain.name@b.example");
        assertThat(addr("Postmaster", "").toString()).isEqualTo("<Postmaster>");
    }
}
