/**
 * Split-brain reconciliation (DESIGN §3, docs/replication.md "Split brain"): after a forced
 * failover both sides took writes; these pure functions decide the one state both end with, so
 * that no message is lost, no UID names two messages and no MODSEQ goes backwards.
 */
package org.slotmail.sync.reconcile;
