package org.slotmail.slot.api;

/** The body of every refusal (4xx, 5xx): one line saying why. */
public record ApiError(String error) {}
