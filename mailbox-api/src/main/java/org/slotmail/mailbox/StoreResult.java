package org.slotmail.mailbox;

import java.util.List;

/**
 * What a flag change did: the records as they now are (changed or not), and the UIDs left alone
 * because they were modified after the UNCHANGEDSINCE value (RFC 7162 §3.1.3).
 */
public record StoreResult(List<MessageRecord> records, List<Long> modifiedSince) {}
