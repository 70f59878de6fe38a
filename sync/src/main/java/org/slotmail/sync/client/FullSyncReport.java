package org.slotmail.sync.client;

/**
 * What {@link SyncClient#fullSync()} did: accounts and mailboxes compared, updates sent, and how
 * many could not be brought in step (set aside, see {@link ChannelStatus#parked()}).
 */
public record FullSyncReport(int accounts, int mailboxes, int updatesSent, int failed) {}
