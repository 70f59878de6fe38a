package org.slotmail.mail.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slotmail.mail.CaseFold;

/**
 * Answers the text keys of an IMAP SEARCH for one message in a single streaming pass (RFC 9051
 * §6.4.4): the server collects the text keys of a search program, asks which of them match, and
 * evaluates AND/OR/NOT itself. Reading stops as soon as every key has matched, or when only
 * header keys are left and the message's header is over; a match may span any read boundary.
 */
public final class MessageTextSearch {
    private static final int CHUNK = 8192;

    private MessageTextSearch() {}

    /** Whether one key matches the message read from {@code message} (not closed). */
    public static boolean matches(InputStream message, TextQuery query) throws IOException {
        return !matching(message, List.of(query)).isEmpty();
    }

    /** The keys among {@code queries} that match the message read from {@code message} (not closed). */
    public static Set<TextQuery> matching(InputStream message, Collection<? extends TextQuery> queries)
            throws IOException {
        Set<TextQuery> matched = new LinkedHashSet<>();
        List<TextQuery.Header> headers = new ArrayList<>();
        Map<TextQuery, FoldedMatcher> bodies = new LinkedHashMap<>();
        Map<TextQuery, FoldedMatcher> texts = new LinkedHashMap<>();
        for (TextQuery query : queries) {
            switch (query) {
                case TextQuery.Header h -> headers.add(h);
                case TextQuery.Body b -> bodies.putIfAbsent(b, new FoldedMatcher(b.value()));
                case TextQuery.Text t -> texts.putIfAbsent(t, new FoldedMatcher(t.value()));
            }
        }
        bodies.forEach((q, m) -> {
            if (m.found()) matched.add(q);
        });
        texts.forEach((q, m) -> {
            if (m.found()) matched.add(q);
        });
        int wanted = new LinkedHashSet<>(queries).size();
        MessageWalk walk = new MessageWalk(message);
        for (MessageWalk.Event event = walk.next(); event != null && matched.size() < wanted; event = walk.next()) {
            boolean topLevel = event instanceof MessageWalk.HeaderField f && f.topLevel();
            // Past the message's own header, header keys can no longer match.
            if (!topLevel && !looking(bodies, matched) && !looking(texts, matched)) break;
            switch (event) {
                case MessageWalk.HeaderField field -> {
                    if (topLevel) {
                        for (TextQuery.Header h : headers) {
                            if (!matched.contains(h) && headerMatches(h, field)) matched.add(h);
                        }
                    }
                    feed(texts, matched, field.name() + ": " + field.value() + "\n");
                }
                case MessageWalk.TextPart part -> {
                    // Parts are apart: a word must not run from one into the next.
                    feed(bodies, matched, "\n");
                    feed(texts, matched, "\n");
                    read(part, bodies, texts, matched);
                }
            }
        }
        return matched;
    }

    private static boolean headerMatches(TextQuery.Header query, MessageWalk.HeaderField field) {
        return field.name().equalsIgnoreCase(query.field().trim())
                && (query.value().isEmpty() || CaseFold.contains(field.value(), query.value()));
    }

    /** Whether some matcher of {@code matchers} is still looking. */
    private static boolean looking(Map<TextQuery, FoldedMatcher> matchers, Set<TextQuery> matched) {
        for (TextQuery q : matchers.keySet()) {
            if (!matched.contains(q)) return true;
        }
        return false;
    }

    private static void feed(Map<TextQuery, FoldedMatcher> matchers, Set<TextQuery> matched, String text) {
        matchers.forEach((q, m) -> {
            if (!matched.contains(q) && m.feed(text)) matched.add(q);
        });
    }

    private static void read(
            MessageWalk.TextPart part,
            Map<TextQuery, FoldedMatcher> bodies,
            Map<TextQuery, FoldedMatcher> texts,
            Set<TextQuery> matched)
            throws IOException {
        Reader reader = TextDecoding.reader(part.content(), part.charset());
        char[] buf = new char[CHUNK];
        int n;
        while ((looking(bodies, matched) || looking(texts, matched)) && (n = reader.read(buf, 0, buf.length)) > 0) {
            for (Map<TextQuery, FoldedMatcher> matchers : List.of(bodies, texts)) {
                for (Map.Entry<TextQuery, FoldedMatcher> e : matchers.entrySet()) {
                    if (!matched.contains(e.getKey()) && e.getValue().feed(buf, 0, n)) matched.add(e.getKey());
                }
            }
        }
    }
}
