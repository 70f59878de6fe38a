/**
 * What every protocol server needs and nothing about mail: a {@link org.slotmail.net.Listener}
 * that gives each connection its own virtual thread and plain blocking streams, connection limits,
 * graceful stop, a {@link org.slotmail.net.LineReader} with a line-length limit and a {@link
 * org.slotmail.net.LineWriter} that sends a batch of replies in one write. A listener may speak
 * TLS from the first byte ({@link org.slotmail.net.TlsMode.Implicit}); a {@link
 * org.slotmail.net.Connection} can be upgraded by its protocol with STARTTLS and COMPRESS=DEFLATE.
 * Certificates come from {@link org.slotmail.net.tls.TlsIdentity}.
 */
package org.slotmail.net;
