package org.slotmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.imap.session.ImapSettings;

/** A slot in the replica role serves no client: logins get NO [UNAVAILABLE] (DESIGN §3). */
class ReplicaRoleTest {
    @TempDir
    Path dir;

    @Test
    void aReplicaRefusesLoginsWithUnavailable() throws Exception {
        try (var server = new TestServer(dir, ImapSettings.defaults("replica.test", 1 << 20), () -> false)) {
            server.user("alice@example.com");
            try (var c = new ImapTestClient(server.server.port())) {
                assertThat(c.command("LOGIN alice@example.com pw-secret-alice@example.com")
                                .getLast())
                        .startsWith("t1 NO [UNAVAILABLE]");
                String plain = Base64.getEncoder()
                        .encodeToString("\0alice@example.com\0pw-secret-alice@example.com".getBytes());
                assertThat(c.command("AUTHENTICATE PLAIN " + plain).getLast()).startsWith("t2 NO [UNAVAILABLE]");
            }
        }
    }
}
