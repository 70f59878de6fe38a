package org.slotmail.bench.replication;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slotmail.slot.api.SlotAdminClient;
import org.slotmail.sync.protocol.SyncSecret;
import picocli.CommandLine.Option;

/** Where the store under test listens, its secrets, and the benchmark's accounts: shared by every subcommand. */
public final class StoreOptions {
    @Option(names = "--lmtp", converter = AddressConverter.class, description = "the master's LMTP listener, host:port")
    InetSocketAddress lmtp;

    @Option(
            names = "--admin",
            required = true,
            converter = AddressConverter.class,
            description = "the master's admin API, host:port")
    InetSocketAddress admin;

    @Option(names = "--admin-token-file", required = true, description = "the admin token (DIR/admin-token)")
    Path adminTokenFile;

    @Option(names = "--secret-file", required = true, description = "the replication secret (DIR/replication-secret)")
    Path secretFile;

    @Option(
            names = "--accounts",
            defaultValue = "20",
            description = "accounts <prefix>N@<domain> from --first-account (default: ${DEFAULT-VALUE})")
    int accounts;

    @Option(names = "--first-account", defaultValue = "1", description = "(default: ${DEFAULT-VALUE})")
    int firstAccount;

    @Option(names = "--user-prefix", defaultValue = "repl", description = "(default: ${DEFAULT-VALUE})")
    String userPrefix;

    @Option(names = "--domain", defaultValue = "example.com", description = "(default: ${DEFAULT-VALUE})")
    String domain;

    BenchAccounts accounts() {
        return new BenchAccounts(userPrefix, domain, firstAccount, accounts);
    }

    InetSocketAddress lmtp() {
        if (lmtp == null) throw new IllegalArgumentException("--lmtp is required here");
        return lmtp;
    }

    SlotAdminClient admin() throws IOException {
        return new SlotAdminClient(
                admin.getHostString(),
                admin.getPort(),
                Files.readString(adminTokenFile).strip());
    }

    SyncLogin sync() throws IOException {
        // As the slot reads its secret file: surrounding whitespace is not part of the secret.
        return new SyncLogin(SyncSecret.of(Files.readString(secretFile).strip()));
    }
}
