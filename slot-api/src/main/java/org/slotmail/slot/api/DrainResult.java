package org.slotmail.slot.api;

import java.util.List;

/**
 * The answer to {@code POST /drain}: whether every channel emptied in time (HTTP 200) or not
 * (HTTP 504), with each channel's state when the wait ended.
 */
public record DrainResult(boolean drained, List<ChannelStatus> channels) {
    public DrainResult {
        channels = List.copyOf(channels);
    }
}
