package org.slotmail.mail;

/**
 * One address as IMAP ENVELOPE writes it (RFC 9051 §7.5.2): display name, source route, local
 * part and domain. A group start has a null host and the group name as mailbox; a group end has
 * both null.
 */
public record Address(String name, String adl, String mailbox, String host) {}
