/**
 * The slot admin contract (DESIGN §3 "Admin API"): what a slot reports and what the control plane
 * may ask of it, as JSON records, and {@link org.slotmail.slot.api.SlotAdminClient}, the HTTP
 * client that speaks it. Knows nothing of a slot's insides.
 */
package org.slotmail.slot.api;
