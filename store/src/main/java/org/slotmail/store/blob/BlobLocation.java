package org.slotmail.store.blob;

/** Where an entry starts in which segment, and its payload length. */
public record BlobLocation(long segment, long offset, long length) {}
