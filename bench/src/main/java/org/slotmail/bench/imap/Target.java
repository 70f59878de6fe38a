package org.slotmail.bench.imap;

import java.net.InetSocketAddress;

/** A server under test: the name results are labelled with, and its IMAP address. */
record Target(String name, InetSocketAddress address) {
    /** Parses {@code name=host:port}, e.g. {@code dovecot=127.0.0.1:24143}. */
    static Target parse(String spec) {
        int eq = spec.indexOf('=');
        int colon = spec.lastIndexOf(':');
        if (eq < 1 || colon < eq + 2 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("expected name=host:port, got " + spec);
        }
        int port = Integer.parseInt(spec.substring(colon + 1));
        return new Target(spec.substring(0, eq), new InetSocketAddress(spec.substring(eq + 1, colon), port));
    }
}
