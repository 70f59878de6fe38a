package org.slotmail.imap.syntax;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** ID (field value ...) or ID NIL (RFC 2971). */
public record Id(Map<String, String> fields) implements Command {
    static Id parse(ImapInput in) throws SyntaxException, IOException {
        in.sp();
        var fields = new LinkedHashMap<String, String>();
        if (in.acceptWord("NIL")) return new Id(fields);
        in.open();
        if (in.peek() != ')') {
            do {
                String key = ImapInput.utf8(in.string());
                in.sp();
                String value = in.nstring();
                // RFC 2971 §3.3: at most 30 pairs, fields up to 30 octets, values up to 1024.
                if (fields.size() >= 30 || key.length() > 30 || (value != null && value.length() > 1024)) {
                    throw in.error("ID parameters too long");
                }
                fields.put(key, value);
            } while (in.accept(' '));
        }
        in.close();
        return new Id(fields);
    }
}
