package org.slotmail.slot.api;

/** {@code POST /drain}: how long to wait for every channel to empty. */
public record DrainRequest(long timeoutMillis) {}
