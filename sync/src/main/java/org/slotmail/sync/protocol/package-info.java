/**
 * The sync wire protocol (docs/replication.md): length-prefixed binary frames over TLS, each one
 * {@link org.slotmail.sync.protocol.SyncMessage}, encoded by {@link
 * org.slotmail.sync.protocol.MessageCodec}; the mutual HMAC handshake bound to the TLS session;
 * blobs streamed in chunks.
 */
package org.slotmail.sync.protocol;
