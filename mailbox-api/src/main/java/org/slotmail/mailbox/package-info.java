/**
 * The mailbox API: what a mailbox is and what can be done to it. Protocol servers talk to this
 * package only; the storage engine implements it. No I/O library appears here.
 */
package org.slotmail.mailbox;
