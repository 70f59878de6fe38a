package org.slotmail.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slotmail slot run}: help, and one line and a non-zero exit for every way it cannot start. */
class SlotRunIT {
    @TempDir
    Path dir;

    @Test
    void helpNamesTheConfigurationFile() throws Exception {
        var help = SlotmailProcess.run(null, "slot", "run", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--config=FILE", "slot <id> ready");
    }

    @Test
    void withoutAConfigurationFileItSaysSoInOneLine() throws Exception {
        var run = SlotmailProcess.run(null, "slot", "run");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip())
                .startsWith("slotmail: Missing required option: '--config=FILE'")
                .doesNotContain("\n");
    }

    @Test
    void aBadFileStopsItWithOneLineNamingTheKey() throws Exception {
        Path config = Files.writeString(dir.resolve("slot.yaml"), """
                slot: s1
                store: st1
                role: boss
                data: s1
                listen: {address: 127.0.0.1, sync: "off", admin: "off"}
                accounts: {cluster-database: cluster.db}
                """);
        var run = SlotmailProcess.run(null, "slot", "run", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip())
                .isEqualTo("slotmail: " + config + ": role: role must be master or replica, not 'boss'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMissingClusterDatabaseIsNamed() throws Exception {
        Path config = Files.writeString(dir.resolve("slot.yaml"), """
                slot: s1
                store: st1
                role: master
                data: s1
                listen: {address: 127.0.0.1, sync: "off", admin: "off"}
                accounts: {cluster-database: cluster.db}
                """);
        var run = SlotmailProcess.run(null, "slot", "run", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip())
                .isEqualTo("slotmail: " + config + ": accounts.cluster-database: no cluster database at "
                        + dir.resolve("cluster.db"));
        assertThat(Files.exists(dir.resolve("s1"))).as("nothing created").isFalse();
    }
}
