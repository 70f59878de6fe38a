package org.slotmail.mailbox;

import java.util.List;

/** The UIDs a copy or move gave the messages in the target mailbox (RFC 4315 COPYUID). */
public record CopyResult(long targetUidValidity, List<Long> sourceUids, List<Long> targetUids) {}
