package org.slotmail.imap.syntax;

import java.util.ArrayList;
import java.util.List;

/** ENABLE capability... (RFC 5161). */
public record Enable(List<String> capabilities) implements Command {
    static Enable parse(ImapInput in) throws SyntaxException {
        var caps = new ArrayList<String>();
        do {
            in.sp();
            caps.add(in.atom());
        } while (!in.atEnd());
        return new Enable(List.copyOf(caps));
    }
}
