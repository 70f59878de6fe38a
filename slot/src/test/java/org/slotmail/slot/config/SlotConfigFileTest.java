package org.slotmail.slot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.net.login.PlaintextLogins;
import org.slotmail.slot.ChannelConfig;
import org.slotmail.slot.Ports;
import org.slotmail.slot.SlotConfig;
import org.slotmail.slot.api.SlotRole;

/** Slot configuration files: the documented example reads as documented; every mistake is one clear line. */
class SlotConfigFileTest {
    private static final Path DOC = Path.of("").toAbsolutePath().getParent().resolve("docs/slot-config.md");

    @TempDir
    Path dir;

    Path slotDir;

    @BeforeEach
    void layOut() throws IOException {
        // DIR/slots/s1/slot.yaml, with the files the documented example points at.
        slotDir = Files.createDirectories(dir.resolve("slots/s1"));
        SlotConfigFile.ownerOnly(Files.writeString(dir.resolve("admin-token"), "pw-secret-admin\n"));
        SlotConfigFile.ownerOnly(Files.writeString(dir.resolve("replication-secret"), "pw-secret-replication\n"));
        Files.createDirectories(dir.resolve("tls"));
        Files.writeString(dir.resolve("tls/fullchain.pem"), "not read until the slot starts");
        Files.writeString(dir.resolve("tls/privkey.pem"), "not read until the slot starts");
    }

    private static String documentedExample() throws IOException {
        var m = Pattern.compile("## A complete example.*?```yaml\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(DOC));
        assertThat(m.find()).as("the yaml block in " + DOC).isTrue();
        return m.group(1);
    }

    private Path file(String yaml) throws IOException {
        return Files.writeString(slotDir.resolve("slot.yaml"), yaml);
    }

    private String problem(String yaml) throws IOException {
        Path f = file(yaml);
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(
                SlotConfigException.class, () -> SlotConfigFile.read(f));
        assertThat(thrown).as("refused").isNotNull();
        assertThat(thrown.getMessage()).startsWith(f + ": ").doesNotContain("\n");
        return thrown.getMessage().substring(f.toString().length() + 2);
    }

    /** The documented example with one line replaced, added or removed. */
    private String example(String line, String replacement) throws IOException {
        String yaml = documentedExample();
        assertThat(yaml).contains(line);
        return yaml.replace(line, replacement);
    }

    @Test
    void theDocumentedExampleReadsAsDocumented() throws IOException {
        SlotConfig c = SlotConfigFile.read(file(documentedExample()));
        assertThat(c.id()).isEqualTo("s1");
        assertThat(c.store()).isEqualTo("st1");
        assertThat(c.role()).isEqualTo(SlotRole.MASTER);
        assertThat(c.dataDir()).isEqualTo(slotDir);
        assertThat(c.hostName()).isEqualTo("mail.example.com");
        assertThat(c.bindAddress()).isEqualTo("127.0.1.1");
        assertThat(c.clientAddress()).isEqualTo("127.0.0.1");
        assertThat(c.ports()).isEqualTo(Ports.fromBase(10000));
        assertThat(c.replication().syncPort()).isEqualTo(10871);
        assertThat(c.admin().port()).isEqualTo(10881);
        assertThat(c.admin().token().orElseThrow().reveal()).isEqualTo("pw-secret-admin");
        assertThat(c.replication().secret().orElseThrow().reveal()).isEqualTo("pw-secret-replication");
        assertThat(c.replication().channels())
                .containsExactly(
                        new ChannelConfig("s2", "s2", "127.0.1.2", 10872),
                        new ChannelConfig("s3", "s3", "127.0.1.3", 10873));
        assertThat(c.security().tlsCertificate()).contains(dir.resolve("tls/fullchain.pem"));
        assertThat(c.security().tlsKey()).contains(dir.resolve("tls/privkey.pem"));
        assertThat(c.clusterDatabase()).contains(dir.resolve("cluster.db"));
        assertThat(c.maxMessageSize()).isEqualTo(50L << 20);
        assertThat(c.security().maxSessionsPerAccount()).isEqualTo(50);
        assertThat(c.plaintextLogins()).isEqualTo(PlaintextLogins.LOOPBACK);
        assertThat(c.toString()).as("secrets never print").doesNotContain("pw-secret-");
    }

    @Test
    void absentClientPortsAreOffAndLimitsTakeTheirDefaults() throws IOException {
        var c = SlotConfigFile.read(file("""
                slot: s2
                store: st1
                role: replica
                data: /var/lib/slotmail/s2
                listen: {address: 127.0.1.2, sync: 10872, admin: "off"}
                replication: {secret: pw-secret-inline}
                accounts: {cluster-database: ../../cluster.db}
                """));
        assertThat(c.role()).isEqualTo(SlotRole.REPLICA);
        assertThat(c.ports()).isEqualTo(Ports.off());
        assertThat(c.admin().port()).isEqualTo(-1);
        assertThat(c.clientAddress()).isEqualTo("127.0.1.2");
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/slotmail/s2"));
        assertThat(c.maxMessageSize()).isEqualTo(SlotConfig.DEFAULT_MAX_MESSAGE_SIZE);
        assertThat(c.replication().channels()).isEmpty();
        assertThat(c.security().tlsCertificate()).isEmpty();
    }

    @Test
    void aWrittenFileReadsBackTheSameAndOnlyItsOwnerMayReadIt() throws IOException {
        SlotFile original = SlotConfigFile.parse(file(documentedExample()));
        Path copy = slotDir.resolve("copy.yaml");
        SlotConfigFile.write(copy, original, "Generated by a test.\nSecond line.");
        assertThat(Files.readString(copy)).startsWith("# Generated by a test.\n# Second line.\nslot: s1\n");
        assertThat(SlotConfigFile.parse(copy)).isEqualTo(original);
        assertThat(SlotConfigFile.read(copy)).isEqualTo(SlotConfigFile.read(slotDir.resolve("slot.yaml")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)))
                .isEqualTo("rw-------");
    }

    @Nested
    class Refusals {
        @Test
        void anUnknownKeyIsNamedWithWhereItIsAndWhatIsKnown() throws IOException {
            assertThat(problem(example("  lmtp: 10024", "  lmpt: 10024")))
                    .startsWith("unknown key 'lmpt' in clients (known: address, imap, imaps, lmtp, pop3, pop3s)")
                    .endsWith("(line 13)");
            assertThat(problem(example("slot: s1", "slot: s1\nslots: s2")))
                    .startsWith("unknown key 'slots' (known: accounts, admin, clients,");
            assertThat(problem(example("    port: 10873", "    port: 10873\n    weight: 2")))
                    .startsWith("unknown key 'weight' in replication.channels[1]");
        }

        @Test
        void aMissingKeyIsNamed() throws IOException {
            assertThat(problem(example("store: st1\n", ""))).isEqualTo("missing store");
            assertThat(problem(example("  sync: 10871\n", ""))).isEqualTo("missing listen.sync");
            assertThat(problem(example("    host: 127.0.1.3\n", ""))).isEqualTo("missing replication.channels[1].host");
            assertThat(problem(example("accounts:\n  cluster-database: ../../cluster.db\n", "")))
                    .isEqualTo("missing accounts");
        }

        @Test
        void aBadPortIsNamed() throws IOException {
            assertThat(problem(example("  imap: 10143", "  imap: 70000")))
                    .startsWith("clients.imap: port must be 0-65535 or off, not 70000");
            assertThat(problem(example("  imap: 10143", "  imap: closed")))
                    .startsWith("clients.imap: port must be a number 0-65535 or off, not 'closed'");
            assertThat(problem(example("    port: 10872", "    port: 0")))
                    .startsWith("replication.channels[0].port must be a port number 1-65535");
            assertThat(problem(example("    port: 10872", "    port: off")))
                    .startsWith("replication.channels[0].port must be a port number 1-65535");
        }

        @Test
        void aBadRoleOrIdIsNamed() throws IOException {
            assertThat(problem(example("role: master", "role: primary")))
                    .isEqualTo("role: role must be master or replica, not 'primary'");
            assertThat(problem(example("slot: s1", "slot: S 1"))).isEqualTo("bad slot id: S 1");
            assertThat(problem(example("    replica: s3", "    replica: s1")))
                    .isEqualTo("channel s3 points at this slot");
        }

        @Test
        void secretsComeFromExactlyOnePlaceThatCanBeRead() throws IOException {
            assertThat(problem(example("  token-file: ../../admin-token", "  token-file: ../../nope")))
                    .startsWith("admin.token-file: no such file ");
            assertThat(problem(example(
                            "  token-file: ../../admin-token",
                            "  token-file: ../../admin-token\n  token: pw-secret-inline")))
                    .isEqualTo("give admin.token or admin.token-file, not both");
            assertThat(problem(example("admin:\n  token-file: ../../admin-token\n", "")))
                    .isEqualTo("the admin API needs admin.token or admin.token-file");
            assertThat(problem(example("  secret-file: ../../replication-secret\n", "")))
                    .isEqualTo("replication needs replication.secret or replication.secret-file");
            Files.writeString(dir.resolve("admin-token"), "  \n");
            assertThat(problem(documentedExample())).endsWith("admin-token is empty");
        }

        @Test
        void aCertificateNeedsItsKeyAndBothMustBeReadable() throws IOException {
            assertThat(problem(example("  key: ../../tls/privkey.pem\n", "")))
                    .isEqualTo("tls.certificate and tls.key go together: give both or neither");
            assertThat(problem(example("  key: ../../tls/privkey.pem", "  key: ../../tls/missing.pem")))
                    .startsWith("tls.key: cannot read ");
        }

        @Test
        void badLimitsAreNamed() throws IOException {
            assertThat(problem(example("  max-message-size: 50M", "  max-message-size: huge")))
                    .startsWith("limits.max-message-size must be a number of bytes");
            assertThat(problem(example("  sessions-per-account: 50", "  sessions-per-account: 0")))
                    .isEqualTo("limits.sessions-per-account must be at least 1, not 0");
            assertThat(problem(example("  sessions-per-account: 50", "  sessions-per-account: many")))
                    .startsWith("limits.sessions-per-account: expected a number");
            assertThat(problem(example("  plaintext-logins: loopback", "  plaintext-logins: sometimes")))
                    .isEqualTo("limits.plaintext-logins must be never, loopback or always, not 'sometimes'");
        }

        @Test
        void brokenYamlAnEmptyFileAndAMissingFileAreOneLineEach() throws IOException {
            assertThat(problem("slot: s1\n  store: [unclosed\n")).startsWith("not valid YAML: ");
            assertThat(problem("")).isEqualTo("the file is empty");
            assertThat(problem(example("store: st1", "store: st1\nstore: st2"))).contains("store");
            assertThat(problem(example("listen:\n", "listen: 5\nold-listen:\n")))
                    .startsWith("listen: expected a section of keys");
            assertThatThrownBy(() -> SlotConfigFile.read(dir.resolve("absent.yaml")))
                    .hasMessage(dir.resolve("absent.yaml") + ": no such file");
        }

        @Test
        void aSecretNeverAppearsInARefusal() throws IOException {
            String message = problem(example(
                    "  secret-file: ../../replication-secret",
                    "  secret-file: ../../replication-secret\n  secret: pw-secret-inline"));
            assertThat(message).doesNotContain("pw-secret-");
            assertThat(List.of(message)).noneMatch(m -> m.contains("pw-secret-replication"));
        }
    }
}
