/**
 * Replication between the slots of a store (DESIGN §3 "Sync", docs/replication.md): the wire
 * protocol, the sync server every slot runs, the sync client a master runs per channel, the pure
 * comparison that decides what a replica lacks, split-brain reconciliation and verify.
 */
package org.slotmail.sync;
