package org.slotmail.mailbox;

/** The UID an appended message got (RFC 4315 APPENDUID). */
public record AppendResult(long uidValidity, long uid) {}
