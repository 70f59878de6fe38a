package org.slotmail.imap.syntax;

/** The CAPABILITY command, which takes no arguments. */
public record Capability() implements Command {}
