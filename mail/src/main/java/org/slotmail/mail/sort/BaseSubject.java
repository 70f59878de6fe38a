package org.slotmail.mail.sort;

import java.util.Locale;
import org.slotmail.mail.CaseFold;
import org.slotmail.mail.EncodedWords;

/**
 * A subject with the reply and forward decorations removed (RFC 5256 §2.1), for SORT SUBJECT and
 * for threading. {@code replyOrForward} says whether a {@code Re:}/{@code Fwd:} leader, a
 * {@code (fwd)} trailer or a {@code [fwd: …]} wrapper was removed: THREAD=REFERENCES prefers the
 * original message of a subject over its replies.
 */
public record BaseSubject(String text, boolean replyOrForward) {
    /** The base subject of a Subject header value as written (encoded words are decoded first). */
    public static BaseSubject of(String subject) {
        return ofDecoded(EncodedWords.decode(subject));
    }

    /** The key to compare base subjects by: case-folded, as the default collation compares. */
    public String key() {
        return CaseFold.fold(text);
    }

    /** The base subject of an already decoded subject. */
    public static BaseSubject ofDecoded(String subject) {
        // (1) Tabs and line breaks become spaces; runs of spaces become one.
        String s = subject == null ? "" : subject.replaceAll("[\t\r\n]", " ").replaceAll(" {2,}", " ");
        boolean reply = false;
        while (true) {
            // (2) Trailers: "(fwd)" and white space.
            while (true) {
                if (s.endsWith(" ")) {
                    s = s.substring(0, s.length() - 1);
                } else if (s.toLowerCase(Locale.ROOT).endsWith("(fwd)")) {
                    s = s.substring(0, s.length() - 5);
                    reply = true;
                } else {
                    break;
                }
            }
            // (3) to (5): leaders, then one blob if something remains after it, until neither applies.
            boolean changed = true;
            while (changed) {
                changed = false;
                while (true) {
                    if (s.startsWith(" ")) {
                        s = s.substring(1);
                        changed = true;
                        continue;
                    }
                    int leader = leaderLength(s);
                    if (leader < 0) break;
                    s = s.substring(leader);
                    reply = true;
                    changed = true;
                }
                int blob = blobEnd(s, 0);
                if (blob > 0 && !s.substring(blob).isBlank()) {
                    s = s.substring(blob);
                    changed = true;
                }
            }
            // (6) "[fwd: subject]" is unwrapped, and the whole thing starts over.
            if (s.toLowerCase(Locale.ROOT).startsWith("[fwd:") && s.endsWith("]")) {
                s = s.substring(5, s.length() - 1);
                reply = true;
                continue;
            }
            return new BaseSubject(s, reply);
        }
    }

    /**
     * The length of a leading {@code subj-leader} that is not just white space:
     * {@code *subj-blob ("re" / "fw" / "fwd") *WSP [subj-blob] ":"}, case-insensitive; -1 if none.
     */
    private static int leaderLength(String s) {
        int i = 0;
        for (int end = blobEnd(s, i); end > 0; end = blobEnd(s, i)) i = end;
        int after;
        if (s.regionMatches(true, i, "re", 0, 2)) {
            after = i + 2;
        } else if (s.regionMatches(true, i, "fwd", 0, 3)) {
            after = i + 3;
        } else if (s.regionMatches(true, i, "fw", 0, 2)) {
            after = i + 2;
        } else {
            return -1;
        }
        while (after < s.length() && s.charAt(after) == ' ') after++;
        int blob = blobEnd(s, after);
        if (blob > 0) after = blob;
        return after < s.length() && s.charAt(after) == ':' ? after + 1 : -1;
    }

    /** The end of a {@code subj-blob} ("[" *BLOBCHAR "]" *WSP) starting at {@code i}, or -1. */
    private static int blobEnd(String s, int i) {
        if (i >= s.length() || s.charAt(i) != '[') return -1;
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != ']') {
            if (s.charAt(j) == '[') return -1;
            j++;
        }
        if (j >= s.length()) return -1;
        j++;
        while (j < s.length() && s.charAt(j) == ' ') j++;
        return j;
    }
}
