package org.slotmail.imap.syntax;

/** The UNSELECT command, which takes no arguments. */
public record Unselect() implements Command {}
