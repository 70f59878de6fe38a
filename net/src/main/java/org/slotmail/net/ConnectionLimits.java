package org.slotmail.net;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Counts connections being served, in total and per client address, against their limits. */
final class ConnectionLimits {
    private final int maxTotal;
    private final int maxPerAddress;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private int total;

    ConnectionLimits(int maxTotal, int maxPerAddress) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /** Takes a slot for a connection from {@code address}, or says why there is none. */
    synchronized Optional<Refusal> acquire(InetAddress address) {
        if (total >= maxTotal) return Optional.of(Refusal.TOO_MANY_CONNECTIONS);
        int current = perAddress.getOrDefault(address, 0);
        if (current >= maxPerAddress) return Optional.of(Refusal.TOO_MANY_FROM_ADDRESS);
        perAddress.put(address, current + 1);
        total++;
        return Optional.empty();
    }

    synchronized void release(InetAddress address) {
        total--;
        perAddress.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
    }

    synchronized int total() {
        return total;
    }
}
