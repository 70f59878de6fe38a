/**
 * The LMTP server (RFC 2033) that delivers into a slot's {@link org.slotmail.mailbox.MailStore}:
 * {@link org.slotmail.lmtp.LmtpServer} runs it on a {@link org.slotmail.net.Listener}, configured
 * by {@link org.slotmail.lmtp.LmtpSettings}. Commands are parsed in {@code lmtp.syntax} and
 * executed in {@code lmtp.session}.
 */
package org.slotmail.lmtp;
