/**
 * The slot's admin API (DESIGN §3): an HTTP server on the slot's own address that the control
 * plane calls with a bearer token to read the slot's status and to stop and start its listeners,
 * change its role and drain its channels. The contract itself is in {@code slot-api}.
 */
package org.slotmail.slot.admin;
