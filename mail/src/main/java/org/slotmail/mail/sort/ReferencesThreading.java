package org.slotmail.mail.sort;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * THREAD=REFERENCES (RFC 5256 §3), the algorithm of Jamie Zawinski's threader: messages are
 * linked by their References (or In-Reply-To) ids, placeholders stand in for referred messages
 * that are absent, and top-level threads with the same base subject are gathered. Steps are
 * numbered as in the RFC. Ties in sent date go to input order, which the caller makes sequence
 * order.
 */
public final class ReferencesThreading {
    private ReferencesThreading() {}

    /** A message (or a placeholder for one) and its place in the tree being built. */
    private static final class Container {
        ThreadInput message;
        int order = -1;
        Container parent;
        final List<Container> children = new ArrayList<>();

        boolean isPlaceholder() {
            return message == null;
        }

        /** Whether this is {@code other} or one of its ancestors. */
        boolean isAncestorOf(Container other) {
            for (Container c = other; c != null; c = c.parent) {
                if (c == this) return true;
            }
            return false;
        }

        void add(Container child) {
            child.parent = this;
            children.add(child);
        }

        void detach() {
            if (parent != null) parent.children.remove(this);
            parent = null;
        }

        /** The message a placeholder is dated and named by: its first child's (after sorting). */
        Container representative() {
            Container c = this;
            while (c.isPlaceholder() && !c.children.isEmpty()) c = c.children.getFirst();
            return c;
        }

        Instant date() {
            Container r = representative();
            return r.message == null ? Instant.MIN : r.message.sentDate();
        }

        int sequence() {
            return representative().order;
        }

        String subjectKey() {
            Container r = representative();
            return r.message == null ? "" : r.message.subject().key();
        }
    }

    private static final Comparator<Container> BY_SENT_DATE =
            Comparator.comparing(Container::date).thenComparingInt(Container::sequence);

    /** The threads of {@code messages}, oldest first. */
    public static List<ThreadNode> thread(List<ThreadInput> messages) {
        Map<String, Container> byId = new HashMap<>();
        List<Container> all = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) link(messages.get(i), i, byId, all);

        // (2) The root set: containers without a parent. (3) Placeholders pruned.
        List<Container> roots = new ArrayList<>();
        for (Container c : all) {
            if (c.parent == null) roots.add(c);
        }
        roots = prune(roots, true);

        // (4) Threads sorted by sent date, a placeholder by its first child's.
        for (Container root : roots) sort(root.children);
        roots.sort(BY_SENT_DATE);

        // (5) Threads with the same base subject gathered.
        roots = gatherSubjects(roots);

        // (6) Every set of siblings sorted by sent date.
        sort(roots);
        List<ThreadNode> threads = new ArrayList<>(roots.size());
        for (Container root : roots) threads.add(node(root));
        return threads;
    }

    /** (1) Links one message into the id table by its references. */
    private static void link(ThreadInput message, int order, Map<String, Container> byId, List<Container> all) {
        String own = MessageIds.first(message.messageId());
        Container self = own == null ? null : byId.get(own);
        if (self == null || !self.isPlaceholder()) {
            // No id, or a duplicate of an earlier message's: this one gets a container of its own.
            self = new Container();
            all.add(self);
            if (own != null && !byId.containsKey(own)) byId.put(own, self);
        }
        self.message = message;
        self.order = order;

        List<String> references = MessageIds.parse(message.references());
        if (references.isEmpty()) {
            String inReplyTo = MessageIds.first(message.inReplyTo());
            if (inReplyTo != null) references = List.of(inReplyTo);
        }
        // (A) Each reference is the parent of the next, unless linked already or a loop would form.
        Container previous = null;
        for (String id : references) {
            if (id.equals(own)) continue;
            Container ref = byId.get(id);
            if (ref == null) {
                ref = new Container();
                all.add(ref);
                byId.put(id, ref);
            }
            if (previous != null && ref.parent == null && !ref.isAncestorOf(previous)) previous.add(ref);
            previous = ref;
        }
        // (B) The last reference is the message's parent; it overrules a parent guessed before.
        if (previous == null) {
            self.detach();
        } else if (!self.isAncestorOf(previous)) {
            self.detach();
            previous.add(self);
        }
    }

    /**
     * (3) Placeholders without children go; those with children are replaced by them, except at
     * the top where only a single child is promoted (several stay together under the placeholder).
     */
    private static List<Container> prune(List<Container> siblings, boolean top) {
        List<Container> kept = new ArrayList<>();
        for (Container c : siblings) {
            List<Container> children = prune(c.children, false);
            c.children.clear();
            for (Container child : children) c.add(child);
            if (!c.isPlaceholder()) {
                kept.add(c);
            } else if (!c.children.isEmpty() && (!top || c.children.size() == 1)) {
                for (Container child : c.children) {
                    child.parent = c.parent;
                    kept.add(child);
                }
            } else if (!c.children.isEmpty()) {
                kept.add(c);
            }
        }
        return kept;
    }

    /** (5) Top-level threads whose base subjects match are put together. */
    private static List<Container> gatherSubjects(List<Container> roots) {
        // (A, B) For each subject, the thread that stands for it: a placeholder over a message,
        // and an original over a reply.
        Map<String, Container> table = new HashMap<>();
        for (Container c : roots) {
            String key = c.subjectKey();
            if (key.isEmpty()) continue;
            Container old = table.get(key);
            if (old == null
                    || (c.isPlaceholder() && !old.isPlaceholder())
                    || (!old.isPlaceholder()
                            && !c.isPlaceholder()
                            && old.message.subject().replyOrForward()
                            && !c.message.subject().replyOrForward())) {
                table.put(key, c);
            }
        }
        // (C) Every other thread with that subject is merged into it.
        Container[] slots = roots.toArray(new Container[0]);
        Map<Container, Integer> position = new IdentityHashMap<>();
        for (int i = 0; i < slots.length; i++) position.put(slots[i], i);
        for (Container c : roots) {
            if (slots[position.get(c)] != c) continue; // already merged into another thread
            String key = c.subjectKey();
            if (key.isEmpty()) continue;
            Container old = table.get(key);
            if (old == c) continue;
            if (old.isPlaceholder() && c.isPlaceholder()) {
                for (Container child : List.copyOf(c.children)) old.add(child);
                c.children.clear();
            } else if (old.isPlaceholder()) {
                old.add(c);
            } else if (c.isPlaceholder()) {
                c.add(old);
                slots[position.get(old)] = null;
                table.put(key, c);
                continue; // c stays at the top, now over old
            } else if (c.message.subject().replyOrForward()
                    && !old.message.subject().replyOrForward()) {
                old.add(c);
            } else {
                Container both = new Container();
                int at = position.get(old);
                both.add(old);
                both.add(c);
                slots[at] = both;
                position.put(both, at);
                table.put(key, both);
            }
            slots[position.get(c)] = null;
        }
        List<Container> gathered = new ArrayList<>();
        for (Container c : slots) {
            if (c != null) {
                c.parent = null;
                gathered.add(c);
            }
        }
        return gathered;
    }

    private static void sort(List<Container> siblings) {
        for (Container c : siblings) sort(c.children);
        siblings.sort(BY_SENT_DATE);
    }

    private static ThreadNode node(Container c) {
        List<ThreadNode> children = new ArrayList<>(c.children.size());
        for (Container child : c.children) children.add(node(child));
        return c.isPlaceholder()
                ? new ThreadNode.Placeholder(children)
                : new ThreadNode.Message(c.message.id(), children);
    }
}
