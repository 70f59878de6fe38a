/**
 * The mailbox API on the storage engine: every write is a function of a {@link
 * org.slotmail.store.mailbox.Txn} run on the commit thread, grouped with its neighbours into one
 * durable commit; reads go to a snapshot of the committed state.
 */
package org.slotmail.store.mailbox;
