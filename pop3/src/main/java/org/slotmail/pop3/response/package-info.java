/**
 * What a POP3 server writes (RFC 1939 §3): status lines with RFC 2449/3206 response codes,
 * multi-line responses, and messages streamed from the store with their lines byte-stuffed.
 */
package org.slotmail.pop3.response;
