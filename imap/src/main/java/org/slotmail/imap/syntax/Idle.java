package org.slotmail.imap.syntax;

/** The IDLE command, which takes no arguments. */
public record Idle() implements Command {}
