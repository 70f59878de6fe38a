package org.slotmail.imap.syntax;

/** The STARTTLS command, which takes no arguments. */
public record StartTls() implements Command {}
