package org.slotmail.imap.syntax;

/** The CHECK command, which takes no arguments. */
public record Check() implements Command {}
