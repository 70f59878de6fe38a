package org.slotmail.imap.syntax;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** CREATE mailbox [(USE (attributes))] (RFC 9051 §6.3.4, CREATE-SPECIAL-USE RFC 6154 §3). */
public record Create(String mailbox, List<String> specialUse) implements Command {
    static Create parse(ImapInput in) throws SyntaxException, IOException {
        in.sp();
        String mailbox = in.astring();
        var uses = new ArrayList<String>();
        if (in.accept(' ')) {
            in.open();
            if (!in.acceptWord("USE")) throw in.error("unknown CREATE parameter");
            in.sp();
            in.open();
            if (in.peek() != ')') {
                do uses.add(in.word());
                while (in.accept(' '));
            }
            in.close();
            in.close();
        }
        return new Create(mailbox, List.copyOf(uses));
    }
}
