/** One slot: its configuration, the wiring of store and protocol servers, and its lifecycle. */
package org.slotmail.slot;
