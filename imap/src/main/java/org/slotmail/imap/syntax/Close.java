package org.slotmail.imap.syntax;

/** The CLOSE command, which takes no arguments. */
public record Close() implements Command {}
