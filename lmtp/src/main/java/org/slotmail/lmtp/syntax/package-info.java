/**
 * LMTP command syntax (RFC 2033, with the RFC 5321 grammar it borrows): a command line's bytes
 * become one {@link org.slotmail.lmtp.syntax.Command} record. Pure parsing; nothing here touches
 * a socket or the mailbox API.
 */
package org.slotmail.lmtp.syntax;
