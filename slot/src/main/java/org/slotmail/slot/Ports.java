package org.slotmail.slot;

/**
 * The ports a slot's client-facing listeners bind; 0 picks a free port, -1 leaves a listener off.
 * {@link #fromBase} follows the command-line contract: N plus the standard port (DESIGN §8).
 */
public record Ports(int lmtp, int imap, int imaps, int pop3, int pop3s) {
    public Ports {
        check("LMTP", lmtp);
        check("IMAP", imap);
        check("IMAPS", imaps);
        check("POP3", pop3);
        check("POP3S", pop3s);
    }

    static void check(String name, int port) {
        if (port < -1 || port > 65535) throw new IllegalArgumentException("bad " + name + " port: " + port);
    }

    public static Ports fromBase(int base) {
        return new Ports(base + 24, base + 143, base + 993, base + 110, base + 995);
    }

    /** Every listener on a free port (tests). */
    public static Ports ephemeral() {
        return new Ports(0, 0, 0, 0, 0);
    }

    /** Every client listener off: a slot reached only through sync and its admin API. */
    public static Ports off() {
        return new Ports(-1, -1, -1, -1, -1);
    }
}
