package org.slotmail.cluster.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The control plane's database, {@code DIR/cluster.db}: an SQLite file that a running server
 * and the command line use at the same time. WAL mode lets readers run beside the one writer,
 * and every read runs in its own short transaction, so it sees whatever was committed last, by
 * any process.
 */
public final class ClusterDatabase implements AutoCloseable {
    /** The database file's name inside the data directory. */
    public static final String FILE_NAME = "cluster.db";

    private static final Logger log = LoggerFactory.getLogger(ClusterDatabase.class);
    private static final int POOL_SIZE = 4;
    // A writer holds the lock for milliseconds; ten seconds only runs out if something is stuck.
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;
    // Flyway takes no lock on SQLite, so two processes opening a new file must take turns.
    private static final String MIGRATION_LOCK_NAME = FILE_NAME + ".migration-lock";
    private static final Object MIGRATION_LOCK_IN_PROCESS = new Object();

    private final Path file;
    private final ConnectionPool pool;
    private final SQLiteDataSource source;

    private ClusterDatabase(Path file, SQLiteDataSource source) {
        this.file = file;
        this.pool = new ConnectionPool(source, POOL_SIZE);
        this.source = source;
    }

    /** Opens the database in a data directory, creating the directory and the file if missing. */
    public static ClusterDatabase create(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new ClusterDatabaseException("cannot create data directory " + dataDir + ": " + reason(e), e);
        }
        return openFile(dataDir.resolve(FILE_NAME));
    }

    /** Opens the database of an existing data directory; fails if it has none. */
    public static ClusterDatabase open(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) throw new ClusterDatabaseException("no cluster database at " + file);
        return openFile(file);
    }

    /** Opens an existing database file by its own path (a slot's configuration names it); fails if it is missing. */
    public static ClusterDatabase openExisting(Path file) {
        if (!Files.isRegularFile(file)) throw new ClusterDatabaseException("no cluster database at " + file);
        return openFile(file);
    }

    private static ClusterDatabase openFile(Path file) {
        SQLiteDataSource source = dataSource(file);
        migrate(source, file);
        return new ClusterDatabase(file, source);
    }

    private static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        // Accounts change rarely and must not vanish after a power cut that follows "added".
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        // A write transaction takes the write lock when it begins, so what it reads to decide
        // (does this address exist?) cannot change under it before it writes.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return source;
    }

    private static void migrate(SQLiteDataSource source, Path file) {
        Path lockFile = file.resolveSibling(MIGRATION_LOCK_NAME);
        // A separate lock file: a POSIX lock taken and released on cluster.db itself would drop
        // the locks SQLite holds on it in this process.
        synchronized (MIGRATION_LOCK_IN_PROCESS) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock _ = channel.lock()) {
                var result = Flyway.configure(ClusterDatabase.class.getClassLoader())
                        .dataSource(source)
                        .locations("classpath:db/migration")
                        .placeholders(Map.of("account_id", "INTEGER PRIMARY KEY AUTOINCREMENT"))
                        .load()
                        .migrate();
                if (result.migrationsExecuted > 0) {
                    log.atInfo()
                            .addKeyValue("file", file)
                            .addKeyValue("version", result.targetSchemaVersion)
                            .log("cluster database schema migrated");
                }
            } catch (IOException e) {
                throw new ClusterDatabaseException("cannot lock " + lockFile + ": " + reason(e), e);
            } catch (FlywayException e) {
                throw new ClusterDatabaseException("cannot migrate " + file + ": " + firstLine(e.getMessage()), e);
            }
        }
    }

    private final java.util.concurrent.locks.ReentrantLock versionLock = new java.util.concurrent.locks.ReentrantLock();
    private Connection versionConnection;

    /**
     * A number that changes whenever any connection, in this process or another, commits a
     * change (SQLite's {@code PRAGMA data_version}, read from shared memory). Lets callers cache
     * what they read and still see every change at once.
     */
    public long changeCounter() {
        versionLock.lock();
        try {
            if (versionConnection == null) versionConnection = source.getConnection();
            try (var statement = versionConnection.createStatement();
                    var result = statement.executeQuery("PRAGMA data_version")) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            versionLock.unlock();
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** Runs reads on a connection in autocommit mode: each statement sees the latest commit. */
    public <T> T read(SqlWork<T> work) {
        try (var lease = pool.lease()) {
            return work.run(lease.connection());
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Runs work in one write transaction: committed if it returns, rolled back if it throws (an
     * exception from the work reaches the caller unchanged).
     */
    public <T> T write(SqlWork<T> work) {
        try (var lease = pool.lease()) {
            Connection connection = lease.connection();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private ClusterDatabaseException failure(SQLException e) {
        return new ClusterDatabaseException("cluster database " + file + ": " + firstLine(e.getMessage()), e);
    }

    // NIO's exceptions carry the path as their message, which the caller already names.
    private static String reason(IOException e) {
        return switch (e) {
            case AccessDeniedException _ -> "permission denied";
            case NoSuchFileException _ -> "no such file or directory";
            case FileAlreadyExistsException _ -> "a file is in the way";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> firstLine(e.getMessage());
        };
    }

    private static String firstLine(String message) {
        if (message == null) return "unknown error";
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

    @Override
    public void close() {
        try {
            versionLock.lock();
            try {
                if (versionConnection != null) versionConnection.close();
            } finally {
                versionLock.unlock();
            }
            pool.close();
        } catch (SQLException e) {
            throw failure(e);
        }
    }
}
