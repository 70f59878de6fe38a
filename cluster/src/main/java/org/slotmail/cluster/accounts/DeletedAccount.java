package org.slotmail.cluster.accounts;

import java.time.Instant;

/** An account that was deleted; slots purge mail stored under its id. */
public record DeletedAccount(long id, String address, Instant deleted) {}
