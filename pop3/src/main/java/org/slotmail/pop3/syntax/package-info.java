/**
 * POP3 command syntax (RFC 1939 §3, RFC 2449, RFC 5034, RFC 2595): a command line's bytes become
 * one {@link org.slotmail.pop3.syntax.Command} record. Pure parsing; nothing here touches a
 * socket, a session or the mailbox API.
 */
package org.slotmail.pop3.syntax;
