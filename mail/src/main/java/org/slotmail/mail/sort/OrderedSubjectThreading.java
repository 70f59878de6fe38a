package org.slotmail.mail.sort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * THREAD=ORDEREDSUBJECT (RFC 5256 §3), "poor man's threading": messages with the same base
 * subject form a thread; the oldest is its root and the others, oldest first, are its children
 * (siblings of one another); threads are ordered by their root's sent date. Ties go to input order.
 */
public final class OrderedSubjectThreading {
    private OrderedSubjectThreading() {}

    private record Entry(ThreadInput message, int order) {}

    /** The threads of {@code messages}, oldest first. */
    public static List<ThreadNode> thread(List<ThreadInput> messages) {
        List<Entry> entries = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) entries.add(new Entry(messages.get(i), i));
        Comparator<Entry> byDate =
                Comparator.comparing((Entry e) -> e.message().sentDate()).thenComparingInt(Entry::order);
        entries.sort(
                Comparator.comparing((Entry e) -> e.message().subject().key()).thenComparing(byDate));

        List<List<Entry>> threads = new ArrayList<>();
        String key = null;
        for (Entry e : entries) {
            String k = e.message().subject().key();
            if (!k.equals(key)) {
                threads.add(new ArrayList<>());
                key = k;
            }
            threads.getLast().add(e);
        }
        threads.sort(Comparator.comparing(List::getFirst, byDate));

        List<ThreadNode> nodes = new ArrayList<>(threads.size());
        for (List<Entry> thread : threads) {
            List<ThreadNode> children = new ArrayList<>();
            for (Entry e : thread.subList(1, thread.size()))
                children.add(ThreadNode.message(e.message().id()));
            nodes.add(new ThreadNode.Message(thread.getFirst().message().id(), children));
        }
        return nodes;
    }
}
