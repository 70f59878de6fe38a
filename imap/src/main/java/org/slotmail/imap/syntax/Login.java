package org.slotmail.imap.syntax;

import java.io.IOException;
import org.slotmail.net.login.LogText;

/** LOGIN user password (RFC 9051 §6.2.3). The password is never logged: see {@link #toString()}. */
public record Login(String user, String password) implements Command {
    static Login parse(ImapInput in) throws SyntaxException, IOException {
        in.sp();
        String user = in.astring();
        in.sp();
        String password = in.astring();
        return new Login(user, password);
    }

    @Override
    public String toString() {
        // The name is the client's text: escaped, so it cannot forge log lines.
        return "Login[user=" + LogText.escape(user) + "]";
    }
}
