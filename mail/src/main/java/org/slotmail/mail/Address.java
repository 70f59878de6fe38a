package org.slotmail.mail;

/**
 * One address as IMAP ENVELOPE writes it (RFC 9051 §7.5.2): display name, source route, local
 * part and domain. A group start has a null host and the group name as mailbox; a group end has
 * both null. A parsed mailbox always has a non-null mailbox and host ({@code ""} when missing), so
 * it is never mistaken for a group marker.
 */
public record Address(String name, String adl, String mailbox, String host) {}
