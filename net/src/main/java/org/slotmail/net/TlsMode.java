package org.slotmail.net;

import java.util.Objects;
import javax.net.ssl.SSLContext;

/** Whether a listener's connections start in plain text or speak TLS from their first byte. */
public sealed interface TlsMode {
    /** Plain text from the start; the protocol may still upgrade with {@link Connection#startTls}. */
    record Plain() implements TlsMode {}

    /**
     * TLS from the first byte, as on the IMAPS and POP3S ports (RFC 8314 §3.3): the listener completes
     * the handshake on the connection's own thread before the protocol sees it.
     */
    record Implicit(SSLContext context) implements TlsMode {
        public Implicit {
            Objects.requireNonNull(context, "context");
        }
    }
}
