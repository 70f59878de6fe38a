package org.slotmail.imap.syntax;

/** The LOGOUT command, which takes no arguments. */
public record Logout() implements Command {}
