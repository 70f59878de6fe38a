package org.slotmail.slot.api;

/**
 * One replication channel of a slot, as its admin API reports it.
 *
 * @param name the channel's name (its queue in the master's store)
 * @param replica the slot id at the other end
 * @param address the replica's sync address, {@code host:port}
 * @param state what the channel is doing: {@code shipping}, {@code idle} (caught up), {@code
 *     retrying} (the last batch failed), {@code stopped} (this slot is a replica) or {@code
 *     unwired} (this build replicates nothing yet)
 * @param backlogEntries entries queued and not yet confirmed by the replica; null when unknown
 * @param oldestAgeMillis age of the oldest queued entry (0 when the queue is empty); null when unknown
 * @param lagP50Millis median time from a change's commit to the replica's confirmation, over recent
 *     batches; null before any
 * @param lagP99Millis the 99th percentile of the same; null before any
 * @param lastError the last failure on this channel, or null
 * @param parked changes set aside because replicating them kept failing
 */
public record ChannelStatus(
        String name,
        String replica,
        String address,
        String state,
        Long backlogEntries,
        Long oldestAgeMillis,
        Long lagP50Millis,
        Long lagP99Millis,
        String lastError,
        long parked) {
    /** Whether the replica has confirmed everything queued (false when the backlog is unknown). */
    public boolean empty() {
        return backlogEntries != null && backlogEntries == 0;
    }
}
