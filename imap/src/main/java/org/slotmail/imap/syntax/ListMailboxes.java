package org.slotmail.imap.syntax;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * LIST (RFC 9051 §6.3.9) with LIST-EXTENDED selection and return options (RFC 5258), SPECIAL-USE
 * (RFC 6154) and LIST-STATUS (RFC 5819). Options are upper case.
 */
public record ListMailboxes(
        List<String> selection,
        String reference,
        List<String> patterns,
        List<String> returns,
        Optional<List<String>> statusItems,
        boolean extended)
        implements Command {
    static ListMailboxes parse(ImapInput in) throws SyntaxException, IOException {
        in.sp();
        var selection = new ArrayList<String>();
        boolean extended = false;
        if (in.peek() == '(') {
            extended = true;
            in.open();
            if (in.peek() != ')') {
                do selection.add(in.atom().toUpperCase(Locale.ROOT));
                while (in.accept(' '));
            }
            in.close();
            in.sp();
        }
        String reference = in.astring();
        in.sp();
        var patterns = new ArrayList<String>();
        if (in.peek() == '(') {
            extended = true;
            in.open();
            do patterns.add(pattern(in));
            while (in.accept(' '));
            in.close();
        } else patterns.add(pattern(in));
        var returns = new ArrayList<String>();
        Optional<List<String>> status = Optional.empty();
        if (in.accept(' ')) {
            if (!in.acceptWord("RETURN")) throw in.error("expected RETURN");
            extended = true;
            in.sp();
            in.open();
            if (in.peek() != ')') {
                do {
                    String option = in.atom().toUpperCase(Locale.ROOT);
                    returns.add(option);
                    if (option.equals("STATUS")) {
                        in.sp();
                        status = Optional.of(Status.items(in));
                    }
                } while (in.accept(' '));
            }
            in.close();
        }
        return new ListMailboxes(
                List.copyOf(selection), reference, List.copyOf(patterns), List.copyOf(returns), status, extended);
    }

    /** list-mailbox: an atom that may contain % and *, or a string. */
    static String pattern(ImapInput in) throws SyntaxException, IOException {
        int c = in.peek();
        if (c == '"' || c == '{' || c == '~') return ImapInput.utf8(in.string());
        var sb = new StringBuilder();
        while (!in.atEnd()) {
            c = in.peek();
            if (c == '%' || c == '*' || c == ']' || ImapInput.isAtomChar(c)) {
                sb.append((char) c);
                in.accept((char) c);
            } else break;
        }
        if (sb.isEmpty()) throw in.error("expected a mailbox pattern");
        return sb.toString();
    }
}
