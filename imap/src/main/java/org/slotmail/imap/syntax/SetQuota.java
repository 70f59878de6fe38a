package org.slotmail.imap.syntax;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** SETQUOTA root (resource limit ...) (RFC 9208 §4.4). */
public record SetQuota(String root, Map<String, Long> limits) implements Command {
    static SetQuota parse(ImapInput in) throws SyntaxException, IOException {
        in.sp();
        String root = in.astring();
        in.sp();
        in.open();
        var limits = new LinkedHashMap<String, Long>();
        if (in.peek() != ')') {
            do {
                String resource = in.atom();
                in.sp();
                limits.put(resource, in.number());
            } while (in.accept(' '));
        }
        in.close();
        return new SetQuota(root, limits);
    }
}
