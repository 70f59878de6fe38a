package org.slotmail.net;

/** Why a listener turned a new connection away before serving it. */
public enum Refusal {
    /** The listener already serves its maximum number of connections. */
    TOO_MANY_CONNECTIONS,
    /** The client's address already has its maximum number of connections. */
    TOO_MANY_FROM_ADDRESS,
    /** The listener is stopping. */
    SHUTTING_DOWN
}
