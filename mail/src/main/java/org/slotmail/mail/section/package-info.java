/**
 * Message sections for IMAP FETCH BODY[section] and BINARY[section] (RFC 9051 §6.4.5, RFC 3516):
 * where each part lies in a stored message's bytes, and its content-transfer-encoding undone.
 */
package org.slotmail.mail.section;
