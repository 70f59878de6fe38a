/**
 * {@code verify}: a full comparison of every account, mailbox, record and message hash between a
 * master and one replica, with an optional repair that brings the replica back to the master's
 * state without losing anything only the replica held.
 */
package org.slotmail.sync.verify;
