package org.slotmail.slot.config;

import java.util.List;

/**
 * A slot configuration file as written ({@code docs/slot-config.md}): YAML with these sections and
 * keys (kebab-case: {@code hostName} is {@code host-name}). Absent keys are null here; {@link
 * SlotConfigFile} checks what is required and fills in defaults.
 *
 * @param slot this slot's id
 * @param store the store it serves
 * @param role {@code master} or {@code replica}: the role at start
 * @param data the slot's data directory
 * @param hostName the name it announces in greetings and trace headers (default: the machine's)
 */
public record SlotFile(
        String slot,
        String store,
        String role,
        String data,
        String hostName,
        Listen listen,
        Clients clients,
        Admin admin,
        Replication replication,
        Tls tls,
        Accounts accounts,
        Limits limits) {

    /** The slot's own address, and its sync server's and admin API's ports on it. */
    public record Listen(String address, Port sync, Port admin) {}

    /** The client listeners: their address (default: the slot's) and ports; an absent port is off. */
    public record Clients(String address, Port lmtp, Port imap, Port imaps, Port pop3, Port pop3s) {}

    /** The admin API's bearer token, inline or in a file (one of the two). */
    public record Admin(String token, String tokenFile) {}

    /** The store's replication secret, inline or in a file (one of the two), and this slot's channels. */
    public record Replication(String secret, String secretFile, List<Channel> channels) {}

    /** One channel: its name (default: the replica's id), the replica slot, and its sync server's address. */
    public record Channel(String name, String replica, String host, Port port) {}

    /** PEM certificate chain and key; both absent: a demo certificate under the data directory. */
    public record Tls(String certificate, String key) {}

    /** Where the accounts are: the cluster database file. */
    public record Accounts(String clusterDatabase) {}

    /** Limits, each with a default. */
    public record Limits(String maxMessageSize, Integer sessionsPerAccount, String plaintextLogins) {}
}
