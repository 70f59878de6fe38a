/**
 * The master's side: {@link org.slotmail.sync.client.ReplicaSession} (one authenticated
 * connection, a method per request; also what reconciliation and verify use) and {@link
 * org.slotmail.sync.client.SyncClient} (one channel replicated in rolling or one-shot mode).
 */
package org.slotmail.sync.client;
