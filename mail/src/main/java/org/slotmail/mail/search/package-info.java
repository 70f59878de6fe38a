/**
 * What IMAP SEARCH compares text against (RFC 9051 §6.4.4, CHARSET UTF-8): decoded header values,
 * the decoded text of a message's text parts, case-insensitive streaming matching, and the sent
 * date of the Date header.
 */
package org.slotmail.mail.search;
