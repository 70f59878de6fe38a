/**
 * What every protocol server needs and nothing about mail: a {@link org.slotmail.net.Listener}
 * that gives each connection its own virtual thread and plain blocking streams, connection limits,
 * graceful stop, a {@link org.slotmail.net.LineReader} with a line-length limit and a {@link
 * org.slotmail.net.LineWriter} that sends a batch of replies in one write.
 */
package org.slotmail.net;
