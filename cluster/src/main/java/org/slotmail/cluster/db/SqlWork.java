package org.slotmail.cluster.db;

import java.sql.Connection;
import java.sql.SQLException;

/** A piece of work on a borrowed database connection. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
