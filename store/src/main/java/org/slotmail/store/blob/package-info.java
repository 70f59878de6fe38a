/**
 * Message bytes, content-addressed by SHA-256, in append-only segment files. A batch of appends
 * is made durable by one sync of the segments it touched, before the metadata that points at it
 * commits.
 */
package org.slotmail.store.blob;
