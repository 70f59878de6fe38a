package org.slotmail.pop3.syntax;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.slotmail.net.Line;
import org.slotmail.net.LineReader;

/**
 * Fuzzes the command parser with arbitrary client bytes, split into lines by the connection's own
 * {@link LineReader}: whatever arrives, every line becomes a {@link Command} (never an exception,
 * never a hang), and what a command holds is what the line held. In a plain test run this replays
 * the kept corpus ({@code src/test/resources/.../CommandParserFuzzTestInputs}); {@code JAZZER_FUZZ=1
 * ./mvnw -pl pop3 test -Dtest=CommandParserFuzzTest} fuzzes for real.
 */
class CommandParserFuzzTest {
    private static final int MAX_LINE = 512;

    @FuzzTest(maxDuration = "30s")
    void everyLineBecomesACommand(byte[] input) throws IOException {
        var reader = new LineReader(new ByteArrayInputStream(input), 256, () -> {});
        for (int lines = 0; lines < 10_000; lines++) {
            switch (reader.readLine(MAX_LINE)) {
                case Line.End _ -> {
                    return;
                }
                case Line.TooLong _ -> {}
                case Line.Text(byte[] bytes) -> check(bytes, CommandParser.parse(bytes));
            }
        }
    }

    /** Invariants a session relies on: replies and logs built from a command stay printable and short. */
    private static void check(byte[] line, Command command) {
        if (command == null) throw new AssertionError("null command for " + hex(line));
        String shown = command.toString();
        switch (command) {
            case Command.Unknown(String verb) -> require(verb.length() <= 20 && printable(verb), "unknown verb", line);
            case Command.Invalid(String verb, String detail) ->
                require(verb.length() <= 40 && printable(verb) && detail.length() < 80, "invalid", line);
            case Command.ListMessages(var n) -> require(n.isEmpty() || n.getAsLong() >= 0, "list number", line);
            case Command.Uidl(var n) -> require(n.isEmpty() || n.getAsLong() >= 0, "uidl number", line);
            case Command.Top(long n, long lines) -> require(n >= 0 && lines >= 0, "top numbers", line);
            case Command.Retr(long n) -> require(n >= 0, "retr number", line);
            case Command.Dele(long n) -> require(n >= 0, "dele number", line);
            case Command.Pass _ -> require(shown.equals("Pass[***]"), "password in toString", line);
            case Command.User(String name) ->
                require(
                        !name.isEmpty() && name.indexOf(' ') < 0 && name.chars().noneMatch(c -> c < 0x20),
                        "user",
                        line);
            case Command.Auth(var mechanism, var initial) ->
                require(mechanism.isPresent() || initial.isEmpty(), "auth without mechanism", line);
            default -> {}
        }
    }

    private static boolean printable(String s) {
        return s.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private static void require(boolean ok, String what, byte[] line) {
        if (!ok) throw new AssertionError(what + " broken for line " + hex(line));
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
