/**
 * The POP3 server (RFC 1939, with CAPA from RFC 2449, SASL from RFC 5034, response codes from RFC
 * 3206 and STLS from RFC 2595) on a slot's {@link org.slotmail.mailbox.MailStore}: {@link
 * org.slotmail.pop3.Pop3Server} runs it on a {@link org.slotmail.net.Listener}. A line becomes a
 * command in {@code pop3.syntax}, runs in {@code pop3.exec} against the session of {@code
 * pop3.session}, and its reply is written by {@code pop3.response}.
 */
package org.slotmail.pop3;
