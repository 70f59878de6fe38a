package org.slotmail.slot.api;

/**
 * {@code POST /listeners/stop}: how long running commands may take to finish before their
 * connections are closed (null: 5 seconds); idle sessions are told at once.
 */
public record ListenerStop(Long graceMillis) {}
