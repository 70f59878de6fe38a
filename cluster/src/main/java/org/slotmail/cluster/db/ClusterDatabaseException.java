package org.slotmail.cluster.db;

/** The cluster database could not be opened, migrated or queried; the message is one line. */
public final class ClusterDatabaseException extends RuntimeException {
    public ClusterDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    public ClusterDatabaseException(String message) {
        super(message);
    }
}
