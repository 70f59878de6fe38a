package org.slotmail.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/** One protocol server on one listener, as a slot starts and stops it (LMTP, IMAP, POP3, ...). */
public interface ProtocolServer extends AutoCloseable {
    /** Binds and starts accepting connections. */
    void start() throws IOException;

    /** The bound address (the real port when 0 was asked for). */
    InetSocketAddress localAddress();

    /** Stops accepting; idle sessions are told at once, running commands get up to {@code grace}. */
    void stop(Duration grace);

    /** Stops at once. */
    @Override
    void close();
}
