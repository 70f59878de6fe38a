package org.slotmail.slot.api;

/**
 * {@code POST /listeners/stop}: how long running commands may take to finish before their
 * connections are closed; idle sessions are told at once.
 */
public record ListenerStop(long graceMillis) {}
