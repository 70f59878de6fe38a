/**
 * What every protocol's login needs and nothing about mail: {@link org.slotmail.net.login.LoginThrottle}
 * (failed-login delays and temporary refusals per client address and per account), {@link
 * org.slotmail.net.login.AccountSessions} (sessions per account), {@link
 * org.slotmail.net.login.PlaintextLogins} (whether a password may travel without TLS) and {@link
 * org.slotmail.net.login.LogText} (client text made safe for a log line). IMAP and POP3 share one
 * {@link org.slotmail.net.login.LoginGuard} per slot, so guessing over one protocol counts against
 * the other.
 */
package org.slotmail.net.login;
