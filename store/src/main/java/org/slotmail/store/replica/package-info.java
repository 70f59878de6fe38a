/**
 * What replication needs from a slot's store (DESIGN §3 "Sync"): the state of mailboxes, their
 * changes since a MODSEQ, message bytes, the channel queues, and writes that make a replica
 * match its master exactly. The {@code sync} module talks to a store only through {@link
 * org.slotmail.store.replica.ReplicaStore}.
 */
package org.slotmail.store.replica;
