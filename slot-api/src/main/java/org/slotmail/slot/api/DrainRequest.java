package org.slotmail.slot.api;

/** {@code POST /drain}: how long to wait for every channel to empty (null: 30 seconds). */
public record DrainRequest(Long timeoutMillis) {}
