package org.slotmail.lmtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A slot that is a replica takes no delivery: each recipient is deferred with 451 4.3.0, so the MTA retries. */
class ReplicaRefusalTest {
    private final AtomicBoolean master = new AtomicBoolean(false);
    private TestServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) server.close();
    }

    @Test
    void aReplicaDefersEveryRecipientWith451AndStoresNothing() throws IOException {
        server = new TestServer(LmtpSettings.defaults(TestServer.HOST), master::get);
        var c = server.connect();
        assertThat(c.line()).startsWith("220 ");
        c.write("LHLO mta.example.net\r\n");
        assertThat(c.reply()).last().asString().startsWith("250 ");
        assertThat(c.send("MAIL FROM:<chris@example.org>")).startsWith("250 2.1.0");
        assertThat(c.send("RCPT TO:<alice@example.com>")).startsWith("451 4.3.0 <alice@example.com> ");
        assertThat(c.send("RCPT TO:<nobody@example.com>")).startsWith("451 4.3.0 <nobody@example.com> ");
        assertThat(c.send("DATA")).startsWith("503 ");
        assertThat(server.store.stored).isEmpty();
    }

    @Test
    void recipientsAcceptedBeforeTheSlotBecameAReplicaAreDeferredAtData() throws IOException {
        master.set(true);
        server = new TestServer(LmtpSettings.defaults(TestServer.HOST), master::get);
        var c = server.connect();
        c.line();
        c.write("LHLO mta.example.net\r\n");
        c.reply();
        assertThat(c.send("MAIL FROM:<chris@example.org>")).startsWith("250 ");
        assertThat(c.send("RCPT TO:<alice@example.com>")).startsWith("250 2.1.5");
        master.set(false);
        assertThat(c.send("DATA")).startsWith("451 4.3.0 ");
        assertThat(c.send("RCPT TO:<alice@example.com>"))
                .as("the transaction is over")
                .startsWith("503 ");
        master.set(true);
        assertThat(c.send("MAIL FROM:<chris@example.org>")).startsWith("250 ");
        assertThat(c.send("RCPT TO:<alice@example.com>")).startsWith("250 2.1.5");
        assertThat(server.store.stored).isEmpty();
    }
}
