/** Offline and online verification of a slot's data: record CRCs, counters, sync CRCs, blob hashes. */
package org.slotmail.store.check;
