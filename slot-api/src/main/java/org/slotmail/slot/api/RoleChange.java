package org.slotmail.slot.api;

/** {@code POST /role}: the role the slot takes now. */
public record RoleChange(SlotRole role) {}
