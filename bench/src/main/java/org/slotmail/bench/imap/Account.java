package org.slotmail.bench.imap;

/** The account the benchmark logs in as, the same on both servers. */
record Account(String user, String password) {
    @Override
    public String toString() {
        return "Account[" + user + "]";
    }
}
