package org.slotmail.bench;

import java.util.List;

/** What one message's transaction got back: the replies that were not the expected success. */
public record Delivery(List<LmtpReply> failures) {
    public Delivery {
        failures = List.copyOf(failures);
    }
}
