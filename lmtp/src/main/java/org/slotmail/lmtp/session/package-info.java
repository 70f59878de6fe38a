/**
 * One LMTP session per connection: the state machine from greeting to QUIT (RFC 2033, RFC 5321
 * §4.1.4 for command order), the DATA transfer streamed into the store, and the replies.
 */
package org.slotmail.lmtp.session;
