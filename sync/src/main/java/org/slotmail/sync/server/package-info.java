/**
 * The sync server every slot runs: authenticated TLS connections answered from the slot's store,
 * and updates applied while the slot accepts them (it is a replica).
 */
package org.slotmail.sync.server;
