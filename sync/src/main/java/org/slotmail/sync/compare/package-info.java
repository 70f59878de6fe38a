/**
 * The heart of replication, as pure functions without I/O: from the master's and a replica's
 * state of a mailbox (or account), what the replica needs; from both whole mailboxes, the update
 * that makes them equal; from the replica's answer, whether it is in step.
 */
package org.slotmail.sync.compare;
