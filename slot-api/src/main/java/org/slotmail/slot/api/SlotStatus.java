package org.slotmail.slot.api;

import java.util.List;
import java.util.Map;

/**
 * A slot as its admin API reports it ({@code GET /status}).
 *
 * @param slot the slot's id
 * @param store the store it belongs to
 * @param role its role now
 * @param listenersUp whether its client listeners (LMTP, IMAP, POP3) are accepting connections
 * @param listeners each client listener that is up, by protocol ({@code lmtp}, {@code imap},
 *     {@code imaps}, {@code pop3}, {@code pop3s}), as {@code host:port}
 * @param sync the sync server's address, or null when it is off
 * @param channels its replication channels (the ones it ships to when master)
 */
public record SlotStatus(
        String slot,
        String store,
        SlotRole role,
        boolean listenersUp,
        Map<String, String> listeners,
        String sync,
        List<ChannelStatus> channels) {
    public SlotStatus {
        // In the slot's order (LMTP, IMAP, IMAPS, POP3, POP3S), which Map.copyOf would lose.
        listeners = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(listeners));
        channels = List.copyOf(channels);
    }
}
