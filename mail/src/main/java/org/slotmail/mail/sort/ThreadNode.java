package org.slotmail.mail.sort;

import java.util.List;

/**
 * One node of a THREAD response (RFC 5256 §4): a message with its replies, or a placeholder for
 * a message that is referred to but not in the set (IMAP shows its children as siblings in
 * parentheses).
 */
public sealed interface ThreadNode {
    /** The nodes below this one, oldest first. */
    List<ThreadNode> children();

    /** A message, by its id. */
    record Message(long id, List<ThreadNode> children) implements ThreadNode {
        public Message {
            children = List.copyOf(children);
        }
    }

    /** A message that is not there, keeping its replies together. */
    record Placeholder(List<ThreadNode> children) implements ThreadNode {
        public Placeholder {
            children = List.copyOf(children);
        }
    }

    /** A message with no replies. */
    static ThreadNode message(long id) {
        return new Message(id, List.of());
    }

    /** A message with replies. */
    static ThreadNode message(long id, ThreadNode... children) {
        return new Message(id, List.of(children));
    }

    /** A placeholder over its children. */
    static ThreadNode placeholder(ThreadNode... children) {
        return new Placeholder(List.of(children));
    }
}
