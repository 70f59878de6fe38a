package org.slotmail.imap.syntax;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** STATUS mailbox (items) (RFC 9051 §6.3.11); item names upper case. */
public record Status(String mailbox, List<String> items) implements Command {
    static Status parse(ImapInput in) throws SyntaxException, IOException {
        in.sp();
        String mailbox = in.astring();
        in.sp();
        return new Status(mailbox, items(in));
    }

    static List<String> items(ImapInput in) throws SyntaxException {
        in.open();
        var items = new ArrayList<String>();
        do items.add(in.atom().toUpperCase(Locale.ROOT));
        while (in.accept(' '));
        in.close();
        return List.copyOf(items);
    }
}
