package org.slotmail.imap.syntax;

/** The NAMESPACE command, which takes no arguments. */
public record Namespace() implements Command {}
