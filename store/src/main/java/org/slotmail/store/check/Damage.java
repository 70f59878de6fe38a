package org.slotmail.store.check;

/** One thing found wrong: where it is (account, mailbox, UID, or a file) and what is wrong. */
public record Damage(String where, String what) {
    @Override
    public String toString() {
        return where + ": " + what;
    }
}
