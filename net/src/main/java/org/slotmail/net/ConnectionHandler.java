package org.slotmail.net;

import java.io.IOException;

/**
 * A protocol, as a {@link Listener} sees it. Each method runs on the connection's own virtual
 * thread, with plain blocking streams; the listener closes the connection afterwards.
 */
public interface ConnectionHandler {
    /**
     * Serves one connection until the protocol is done. An {@link IOException} is the client's
     * doing (reset, timeout, EOF) and logged at DEBUG; anything else thrown is a bug, logged at ERROR.
     */
    void serve(Connection connection) throws IOException;

    /** Tells a client it is turned away (one reply line, flushed by the listener); then it is closed. */
    default void refuse(Connection connection, Refusal why) throws IOException {}
}
