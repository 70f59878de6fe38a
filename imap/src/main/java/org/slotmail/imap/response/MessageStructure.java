package org.slotmail.imap.response;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slotmail.mail.Address;
import org.slotmail.mail.BodyStructure;
import org.slotmail.mail.Envelope;

/**
 * Writes ENVELOPE and BODY/BODYSTRUCTURE (RFC 9051 §7.5.2) from the values cached at delivery, so
 * they cost no more than FLAGS: the message itself is never read.
 */
public final class MessageStructure {
    private MessageStructure() {}

    public static void envelope(ResponseWriter out, Envelope e) throws IOException {
        out.open();
        out.nstring(e.date()).sp();
        out.nstring(e.subject()).sp();
        addresses(out, e.from());
        out.sp();
        addresses(out, e.sender());
        out.sp();
        addresses(out, e.replyTo());
        out.sp();
        addresses(out, e.to());
        out.sp();
        addresses(out, e.cc());
        out.sp();
        addresses(out, e.bcc());
        out.sp();
        out.nstring(e.inReplyTo()).sp();
        out.nstring(e.messageId());
        out.close();
    }

    private static void addresses(ResponseWriter out, List<Address> list) throws IOException {
        if (list == null || list.isEmpty()) {
            out.nil();
            return;
        }
        out.open();
        for (Address a : list) {
            out.open();
            out.nstring(a.name())
                    .sp()
                    .nstring(a.adl())
                    .sp()
                    .nstring(a.mailbox())
                    .sp()
                    .nstring(a.host());
            out.close();
        }
        out.close();
    }

    /** BODYSTRUCTURE when {@code extensible}, else BODY (no extension data). */
    public static void body(ResponseWriter out, BodyStructure body, boolean extensible) throws IOException {
        switch (body) {
            case BodyStructure.Multipart m -> multipart(out, m, extensible);
            case BodyStructure.Single s -> single(out, s, extensible);
        }
    }

    private static void multipart(ResponseWriter out, BodyStructure.Multipart m, boolean extensible)
            throws IOException {
        out.open();
        if (m.parts() == null || m.parts().isEmpty()) {
            // RFC 9051 requires at least one part; an empty multipart is shown as one empty text part.
            out.raw("(\"text\" \"plain\" NIL NIL NIL \"7bit\" 0 0)");
        } else {
            for (BodyStructure part : m.parts()) body(out, part, extensible);
        }
        out.sp().string(m.subtype());
        if (extensible) {
            out.sp();
            params(out, m.params());
            out.sp();
            disposition(out, m.disposition());
            out.sp();
            language(out, m.language());
            out.sp().nstring(m.location());
        }
        out.close();
    }

    private static void single(ResponseWriter out, BodyStructure.Single s, boolean extensible) throws IOException {
        out.open();
        out.string(s.type()).sp().string(s.subtype()).sp();
        params(out, s.params());
        out.sp().nstring(s.id()).sp().nstring(s.description()).sp();
        out.string(s.encoding() == null ? "7BIT" : s.encoding()).sp().number(s.size());
        boolean message = s.message() != null && s.envelope() != null;
        if (message) {
            out.sp();
            envelope(out, s.envelope());
            out.sp();
            body(out, s.message(), extensible);
            out.sp().number(Math.max(0, s.lines()));
        } else if (s.type().equalsIgnoreCase("text")) {
            out.sp().number(Math.max(0, s.lines()));
        }
        if (extensible) {
            out.sp().nstring(s.md5()).sp();
            disposition(out, s.disposition());
            out.sp();
            language(out, s.language());
            out.sp().nstring(s.location());
        }
        out.close();
    }

    private static void params(ResponseWriter out, Map<String, String> params) throws IOException {
        if (params == null || params.isEmpty()) {
            out.nil();
            return;
        }
        out.open();
        boolean first = true;
        for (var e : params.entrySet()) {
            if (!first) out.sp();
            out.string(e.getKey()).sp().string(e.getValue());
            first = false;
        }
        out.close();
    }

    private static void disposition(ResponseWriter out, BodyStructure.Disposition d) throws IOException {
        if (d == null) {
            out.nil();
            return;
        }
        out.open().string(d.type()).sp();
        params(out, d.params());
        out.close();
    }

    private static void language(ResponseWriter out, List<String> language) throws IOException {
        if (language == null || language.isEmpty()) {
            out.nil();
            return;
        }
        if (language.size() == 1) {
            out.string(language.getFirst());
            return;
        }
        out.open();
        for (int i = 0; i < language.size(); i++) {
            if (i > 0) out.sp();
            out.string(language.get(i));
        }
        out.close();
    }
}
