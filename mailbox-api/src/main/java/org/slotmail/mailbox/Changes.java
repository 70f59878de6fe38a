package org.slotmail.mailbox;

import java.util.List;

/**
 * What changed in a mailbox after a MODSEQ (RFC 7162): live records changed since then, in UID
 * order, UIDs expunged since then, and the mailbox's HIGHESTMODSEQ when this was read.
 */
public record Changes(List<MessageRecord> changed, List<Long> vanished, long highestModSeq) {}
