/**
 * One POP3 session: its state machine (RFC 1939 §3: AUTHORIZATION, TRANSACTION, UPDATE), the
 * maildrop snapshot taken at login with its deletion marks, and the server's settings.
 */
package org.slotmail.pop3.session;
