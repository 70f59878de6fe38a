package org.slotmail.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.slotmail.cluster.accounts.Accounts;

/**
 * A new password typed by the operator: the first line of standard input, or asked twice
 * without echo on the terminal. Kept in char arrays, which the caller wipes after use.
 */
final class PasswordInput {
    private PasswordInput() {}

    /** The first line of the stream, without its line ending. */
    static char[] firstLine(InputStream in) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        // One over the limit, so the accounts API can say the password is too long.
        char[] line = new char[Accounts.MAX_PASSWORD_LENGTH + 1];
        int length = 0;
        for (int c; length < line.length && (c = reader.read()) >= 0 && c != '\n'; ) line[length++] = (char) c;
        if (length > 0 && line[length - 1] == '\r') length--;
        char[] password = Arrays.copyOf(line, length);
        Arrays.fill(line, '\0');
        if (password.length == 0) throw new IllegalArgumentException("no password on standard input");
        return password;
    }

    /** Asks on the terminal twice; fails in one line when there is no terminal or they differ. */
    static char[] twiceFromTerminal(String address) {
        Console console = System.console();
        // Since JDK 22 there is a Console even when input is a pipe; only a terminal hides typing.
        if (console == null || !console.isTerminal()) {
            throw new IllegalArgumentException("no terminal to ask for the password; use --password-stdin");
        }
        char[] first = console.readPassword("New password for %s: ", address);
        if (first == null || first.length == 0) throw new IllegalArgumentException("no password entered");
        char[] second = console.readPassword("Repeat the password: ");
        if (second == null || !Arrays.equals(first, second)) {
            Arrays.fill(first, '\0');
            if (second != null) Arrays.fill(second, '\0');
            throw new IllegalArgumentException("the passwords do not match");
        }
        Arrays.fill(second, '\0');
        return first;
    }
}
