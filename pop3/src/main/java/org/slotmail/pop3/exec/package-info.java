/**
 * Runs POP3 commands: {@link org.slotmail.pop3.exec.Dispatcher} holds the command table (which
 * state allows what) and hands each command to one small handler, which talks to the mailbox API
 * through the session's maildrop and answers with a status or a written multi-line response.
 */
package org.slotmail.pop3.exec;
