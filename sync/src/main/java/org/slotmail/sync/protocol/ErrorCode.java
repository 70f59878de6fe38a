package org.slotmail.sync.protocol;

/** Why a sync server answered a request with {@link SyncMessage.Failure}. */
public enum ErrorCode {
    /** The request broke the protocol (unexpected message, bad value); the server closes after saying so. */
    PROTOCOL,
    /** The client speaks a protocol version the server does not. */
    VERSION,
    /** Authentication failed: wrong secret, or a relayed TLS session. */
    AUTH,
    /** This slot does not accept updates now (it is a master, or its role is changing). */
    NOT_ACCEPTING,
    /** A frame or message was larger than the server takes. */
    TOO_LARGE,
    /** A limit of the session was reached (staged blobs, their bytes). */
    LIMIT,
    /** The store failed to read or write (an I/O failure, damaged data). */
    STORE,
    /** A bug on the server; said why, logged there. */
    INTERNAL
}
