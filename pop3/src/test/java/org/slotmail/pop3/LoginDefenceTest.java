package org.slotmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.pop3.session.Pop3Settings;

/** POP3 logins go through the slot's shared throttle and session limit, as IMAP's do. */
class LoginDefenceTest {
    private static final String ALICE = "alice@example.com";

    @TempDir
    Path dir;

    @Test
    void aStormFromOneAddressIsRefusedWhileTheOwnerLogsInFromAnother() throws Exception {
        try (var server = new TestServer(dir)) {
            server.user(ALICE);
            String refusal = null;
            // Guessing from 127.0.0.2, reconnecting whenever the server closes, until it refuses.
            for (int attempt = 0; attempt < 50 && refusal == null; ) {
                try (var c = Pop3TestClient.connectFrom(server.server.port(), "127.0.0.2")) {
                    for (int i = 0; i < 5 && refusal == null; i++, attempt++) {
                        c.ok("USER " + ALICE);
                        String reply = c.err("PASS pw-secret-guess" + attempt);
                        if (reply.startsWith("-ERR [SYS/TEMP]")) refusal = reply;
                        else assertThat(reply).startsWith("-ERR [AUTH] invalid");
                        if (reply.contains("closing")) break;
                    }
                }
            }
            assertThat(refusal).contains("too many failed logins").contains("try again in");
            // The guessing address stays refused, even with the right password ...
            try (var c = Pop3TestClient.connectFrom(server.server.port(), "127.0.0.2")) {
                c.ok("USER " + ALICE);
                assertThat(c.err("PASS " + TestServer.password(ALICE))).startsWith("-ERR [SYS/TEMP]");
            }
            // ... while the owner, elsewhere, is let in at once.
            try (var c = Pop3TestClient.connectFrom(server.server.port(), "127.0.0.3")) {
                c.ok("USER " + ALICE);
                assertThat(c.ok("PASS " + TestServer.password(ALICE))).startsWith("+OK logged in");
            }
        }
    }

    @Test
    void anAccountHasAtMostItsSessionLimitOpenAndAClosedSessionFreesItsPlace() throws Exception {
        try (var server = new TestServer(dir.resolve("store"), Pop3Settings.defaults("pop3.test"))) {
            server.user(ALICE);
            var open = new ArrayList<Pop3TestClient>();
            try {
                for (int i = 0; i < 3; i++) open.add(server.login(ALICE)); // the test guard allows 3
                try (var c = server.connect()) {
                    c.ok("USER " + ALICE);
                    assertThat(c.err("PASS " + TestServer.password(ALICE)))
                            .startsWith("-ERR [SYS/TEMP]")
                            .contains("3 sessions");
                }
                try (var first = open.removeFirst()) {
                    first.ok("QUIT");
                    // The server closes only after the session has ended and given its place back.
                    assertThat(first.closedByServer()).isTrue();
                }
                try (var c = server.login(ALICE)) {
                    c.ok("QUIT");
                }
            } finally {
                for (var c : open) c.close();
            }
        }
    }
}
