package org.slotmail.mailbox;

import java.util.Objects;

/** A user as the control plane knows them: a stable id, the email address, quota limits. */
public record Account(long id, String address, QuotaLimits quota) {
    public Account {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(quota, "quota");
        if (id <= 0) throw new IllegalArgumentException("account id must be positive: " + id);
    }
}
