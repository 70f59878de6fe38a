package org.slotmail.cluster.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;

/**
 * A few connections reused across threads. Virtual threads come and go by the thousand, so a
 * connection per thread would never be closed; a small pool bounds the open files and lets a
 * lookup skip the cost of opening the database.
 */
final class ConnectionPool implements AutoCloseable {
    private final DataSource source;
    private final Semaphore permits;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    ConnectionPool(DataSource source, int size) {
        this.source = source;
        this.permits = new Semaphore(size, true);
    }

    /** Borrows a connection; blocks while all are in use. */
    Lease lease() throws SQLException {
        if (closed) throw new SQLException("the cluster database is closed");
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database connection", e);
        }
        Connection connection = idle.poll();
        if (connection == null) {
            try {
                connection = source.getConnection();
            } catch (SQLException | RuntimeException e) {
                permits.release();
                throw e;
            }
        }
        return new Lease(connection);
    }

    @Override
    public void close() throws SQLException {
        closed = true;
        closeIdle();
    }

    private void closeIdle() throws SQLException {
        SQLException failure = null;
        for (Connection connection; (connection = idle.poll()) != null; ) {
            try {
                connection.close();
            } catch (SQLException e) {
                failure = e;
            }
        }
        if (failure != null) throw failure;
    }

    /** A borrowed connection; closing the lease gives it back. */
    final class Lease implements AutoCloseable {
        private final Connection connection;

        private Lease(Connection connection) {
            this.connection = connection;
        }

        Connection connection() {
            return connection;
        }

        @Override
        public void close() throws SQLException {
            try {
                // A connection left inside a transaction would pin an old snapshot and hide
                // other processes' writes from the next borrower.
                if (!connection.isClosed() && connection.getAutoCommit()) {
                    idle.add(connection);
                    if (closed) closeIdle(); // the pool closed while this was out
                } else {
                    connection.close();
                }
            } finally {
                permits.release();
            }
        }
    }
}
