/**
 * Keys and trees for IMAP SORT and THREAD (RFC 5256, RFC 5957): base subjects, address sort keys,
 * and the REFERENCES and ORDEREDSUBJECT threading algorithms. Pure functions over values a server
 * already has (envelopes, dates, header strings).
 */
package org.slotmail.mail.sort;
