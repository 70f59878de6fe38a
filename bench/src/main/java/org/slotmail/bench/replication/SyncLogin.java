package org.slotmail.bench.replication;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.slotmail.sync.client.ReplicaEndpoint;
import org.slotmail.sync.client.ReplicaSession;
import org.slotmail.sync.protocol.SyncSecret;

/** Opens authenticated sessions to the store's sync servers (a replica's, or the master's for reading). */
record SyncLogin(SyncSecret secret) {
    ReplicaSession open(InetSocketAddress sync) throws IOException {
        return ReplicaSession.open(ReplicaEndpoint.of(sync, secret).withClientName("replication-bench"));
    }
}
