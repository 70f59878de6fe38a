package org.slotmail.imap.exec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.ListMailboxes;
import org.slotmail.imap.syntax.Lsub;
import org.slotmail.mailbox.MailboxInfo;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.SpecialUse;

/**
 * LIST (RFC 9051 §6.3.9) with LIST-EXTENDED (RFC 5258), CHILDREN (RFC 3348), SPECIAL-USE (RFC
 * 6154) and LIST-STATUS (RFC 5819), and the IMAP4rev1 LSUB. Every mailbox gets \HasChildren or
 * \HasNoChildren and its special-use attributes; subscribed names that no longer exist are
 * \NonExistent.
 */
final class ListHandler {
    private ListHandler() {}

    /** One name to report and what is known of it. */
    private record Entry(String name, MailboxInfo info, boolean subscribed, boolean childSubscribed) {}

    static Completion list(ListMailboxes command, Session s) throws IOException {
        Set<String> selection = Set.copyOf(command.selection());
        for (String option : selection) {
            if (!List.of("SUBSCRIBED", "REMOTE", "RECURSIVEMATCH", "SPECIAL-USE")
                    .contains(option)) {
                return Completion.bad("unknown LIST selection option " + option);
            }
        }
        if (selection.contains("RECURSIVEMATCH") && !selection.contains("SUBSCRIBED")) {
            return Completion.bad("RECURSIVEMATCH needs another selection option");
        }
        for (String option : command.returns()) {
            if (!List.of("SUBSCRIBED", "CHILDREN", "SPECIAL-USE", "STATUS").contains(option)) {
                return Completion.bad("unknown LIST return option " + option);
            }
        }
        var out = s.out();
        if (command.patterns().size() == 1 && command.patterns().getFirst().isEmpty()) {
            // RFC 9051 §6.3.9: an empty pattern asks for the hierarchy delimiter and root.
            out.untagged("LIST (\\Noselect) \"/\" \"\"");
            return Completion.ok("LIST completed");
        }
        boolean subscribedOnly = selection.contains("SUBSCRIBED");
        boolean specialOnly = selection.contains("SPECIAL-USE");
        boolean showSubscribed = subscribedOnly || command.returns().contains("SUBSCRIBED");
        Optional<List<String>> status = command.statusItems();

        Map<String, MailboxInfo> existing = new TreeMap<>();
        for (MailboxInfo info : s.mail().list()) existing.put(info.name().value(), info);
        Set<MailboxName> subscriptions = s.mail().subscriptions();
        var subscribedNames = new java.util.HashSet<String>();
        for (MailboxName n : subscriptions) subscribedNames.add(n.value());

        var candidates = new TreeMap<String, Entry>();
        if (subscribedOnly) {
            for (String name : subscribedNames) candidates.put(name, new Entry(name, existing.get(name), true, false));
        } else {
            for (var e : existing.entrySet()) {
                candidates.put(
                        e.getKey(), new Entry(e.getKey(), e.getValue(), subscribedNames.contains(e.getKey()), false));
            }
        }
        var matched = new TreeMap<String, Entry>();
        for (String pattern : command.patterns()) {
            String full = join(command.reference(), pattern);
            String decodedPattern = decodePattern(s, full);
            if (decodedPattern == null) continue;
            for (Entry e : candidates.values()) {
                if (Wildcards.matches(decodedPattern, e.name())) matched.put(e.name(), e);
            }
            if (subscribedOnly && selection.contains("RECURSIVEMATCH")) {
                // Parents that match only because a descendant is subscribed (RFC 5258 §3.5).
                for (String sub : subscribedNames) {
                    for (MailboxName parent : new MailboxName(sub).ancestors()) {
                        String p = parent.value();
                        if (!matched.containsKey(p) && Wildcards.matches(decodedPattern, p)) {
                            matched.put(p, new Entry(p, existing.get(p), false, true));
                        } else if (matched.containsKey(p) && !matched.get(p).childSubscribed()) {
                            Entry old = matched.get(p);
                            matched.put(p, new Entry(p, old.info(), old.subscribed(), true));
                        }
                    }
                }
            }
        }
        for (Entry e : matched.values()) {
            if (specialOnly && (e.info() == null || e.info().specialUse().isEmpty())) continue;
            var attrs = new ArrayList<String>();
            if (e.info() == null) {
                attrs.add("\\NonExistent");
            } else {
                attrs.add(hasChildren(existing, e.name()) ? "\\HasChildren" : "\\HasNoChildren");
                for (SpecialUse use : e.info().specialUse()) attrs.add(use.attribute());
            }
            if (showSubscribed && e.subscribed()) attrs.add("\\Subscribed");
            out.raw("* LIST (")
                    .raw(String.join(" ", attrs))
                    .raw(") \"/\" ")
                    .astring(s.wireName(new MailboxName(e.name())));
            if (e.childSubscribed() && selection.contains("RECURSIVEMATCH"))
                out.raw(" (\"CHILDINFO\" (\"SUBSCRIBED\"))");
            out.end();
            if (status.isPresent() && e.info() != null) {
                StatusHandler.write(s, s.mail().open(e.info().name()), status.get());
            }
        }
        return Completion.ok("LIST completed");
    }

    static Completion lsub(Lsub command, Session s) throws IOException {
        String pattern = decodePattern(s, join(command.reference(), command.pattern()));
        if (command.pattern().isEmpty()) {
            s.out().untagged("LSUB (\\Noselect) \"/\" \"\"");
            return Completion.ok("LSUB completed");
        }
        var names = new TreeMap<String, Boolean>();
        for (MailboxName n : s.mail().subscriptions()) {
            if (pattern != null && Wildcards.matches(pattern, n.value())) names.put(n.value(), true);
            // RFC 3501 §6.3.9: with %, a parent of a subscribed name appears as \Noselect.
            if (pattern != null) {
                for (MailboxName parent : n.ancestors()) {
                    if (!names.containsKey(parent.value()) && Wildcards.matches(pattern, parent.value())) {
                        names.put(parent.value(), false);
                    }
                }
            }
        }
        for (var e : names.entrySet()) {
            s.out()
                    .raw("* LSUB (")
                    .raw(e.getValue() ? "" : "\\Noselect")
                    .raw(") \"/\" ")
                    .astring(s.wireName(new MailboxName(e.getKey())))
                    .end();
        }
        return Completion.ok("LSUB completed");
    }

    private static boolean hasChildren(Map<String, MailboxInfo> existing, String name) {
        String prefix = name + "/";
        for (String other :
                ((TreeMap<String, MailboxInfo>) existing).tailMap(prefix).keySet()) {
            return other.startsWith(prefix);
        }
        return false;
    }

    private static String join(String reference, String pattern) {
        if (reference.isEmpty() || pattern.startsWith("/")) return pattern;
        return reference.endsWith("/") ? reference + pattern : reference + "/" + pattern;
    }

    /** The pattern in stored-name form (modified UTF-7 decoded for IMAP4rev1); null if undecodable. */
    private static String decodePattern(Session s, String pattern) {
        if (s.utf8()) return normalizeInbox(pattern);
        try {
            return normalizeInbox(org.slotmail.imap.syntax.ModifiedUtf7.decode(pattern));
        } catch (org.slotmail.imap.syntax.SyntaxException e) {
            return null;
        }
    }

    /** INBOX is case-insensitive, also as the first level of a pattern (RFC 9051 §5.1). */
    private static String normalizeInbox(String pattern) {
        int slash = pattern.indexOf('/');
        String first = slash < 0 ? pattern : pattern.substring(0, slash);
        if (first.toUpperCase(Locale.ROOT).equals("INBOX")) return "INBOX" + pattern.substring(first.length());
        return pattern;
    }
}
