package org.slotmail.mailbox;

/** What an account currently stores: the sum of its live messages' sizes and their count. */
public record QuotaUsage(long bytes, long messages) {}
