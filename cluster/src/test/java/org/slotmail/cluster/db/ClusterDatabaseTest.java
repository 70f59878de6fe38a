package org.slotmail.cluster.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void createMakesTheDataDirectoryAndAWalModeFileInIt() {
        Path data = dir.resolve("a/b");
        try (var db = ClusterDatabase.create(data)) {
            assertThat(db.file()).isEqualTo(data.resolve("cluster.db")).isRegularFile();
            assertThat(pragma(db, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(db, "busy_timeout")).isEqualTo("10000");
        }
    }

    @Test
    void openRefusesADirectoryWithoutADatabaseInOneLine() {
        assertThatThrownBy(() -> ClusterDatabase.open(dir))
                .isInstanceOf(ClusterDatabaseException.class)
                .hasMessage("no cluster database at " + dir.resolve("cluster.db"));
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsNamedWithTheReason() throws Exception {
        Files.writeString(dir.resolve("file"), "not a directory");
        assertThatThrownBy(() -> ClusterDatabase.create(dir.resolve("file")))
                .isInstanceOf(ClusterDatabaseException.class)
                .hasMessage("cannot create data directory " + dir.resolve("file") + ": a file is in the way");
    }

    @Test
    void reopeningAMigratedDatabaseKeepsItsRows() {
        try (var db = ClusterDatabase.create(dir)) {
            db.write(c -> execute(c.createStatement(), "INSERT INTO deleted_accounts VALUES (7, 'x@y.z', 0)"));
        }
        try (var db = ClusterDatabase.open(dir)) {
            assertThat(count(db, "deleted_accounts")).isEqualTo(1);
        }
    }

    @Test
    void processesCreatingTheSameNewDatabaseAtOnceAllSucceed() throws Exception {
        List<Callable<Long>> openers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            openers.add(() -> {
                try (var db = ClusterDatabase.create(dir)) {
                    return count(db, "accounts");
                }
            });
        }
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Long> result : executor.invokeAll(openers))
                assertThat(result.get()).isZero();
        }
    }

    @Test
    void aFailedWriteIsRolledBackAndTheErrorReachesTheCaller() {
        try (var db = ClusterDatabase.create(dir)) {
            assertThatThrownBy(() -> db.write(c -> {
                        execute(c.createStatement(), "INSERT INTO deleted_accounts VALUES (7, 'x@y.z', 0)");
                        throw new IllegalStateException("changed my mind");
                    }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("changed my mind");
            assertThat(count(db, "deleted_accounts")).isZero();
        }
    }

    @Test
    void sqlErrorsBecomeOneLineMessagesNamingTheFile() {
        try (var db = ClusterDatabase.create(dir)) {
            assertThatThrownBy(() -> db.read(c -> execute(c.createStatement(), "SELECT * FROM nowhere")))
                    .isInstanceOf(ClusterDatabaseException.class)
                    .hasMessageStartingWith("cluster database " + db.file() + ": ")
                    .hasMessageContaining("nowhere")
                    .hasMessageNotContaining("\n");
        }
    }

    private static String pragma(ClusterDatabase db, String name) {
        return db.read(c -> {
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("PRAGMA " + name)) {
                r.next();
                return r.getString(1);
            }
        });
    }

    private static long count(ClusterDatabase db, String table) {
        return db.read(c -> {
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    private static boolean execute(Statement statement, String sql) throws SQLException {
        try (statement) {
            return statement.execute(sql);
        }
    }
}
