package org.slotmail.lmtp.session;

import java.security.SecureRandom;

/**
 * A short id for one received message, in the Received header, the replies and the log, so an
 * operator can follow a message from the MTA's log to ours: 80 random bits, base32.
 */
final class QueueId {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private QueueId() {}

    static String next() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        var sb = new StringBuilder(16);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return sb.toString();
    }
}
