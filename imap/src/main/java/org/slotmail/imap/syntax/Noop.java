package org.slotmail.imap.syntax;

/** The NOOP command, which takes no arguments. */
public record Noop() implements Command {}
