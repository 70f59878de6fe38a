package org.slotmail.sync.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The mutual challenge–response of the handshake: each side proves it knows the {@link
 * SyncSecret} with an HMAC-SHA256 over a label naming its role, the protocol version, the TLS
 * channel binding (empty when the session offers none) and both nonces. The labels differ, so a
 * proof one side made can never be passed off as the other's; the nonces are fresh, so a proof is
 * never good twice; the binding differs on each leg of a relay, so a man in the middle holding
 * two TLS sessions cannot forward proofs between them.
 */
public final class Proofs {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Proofs() {}

    public static byte[] nonce() {
        byte[] n = new byte[SyncMessage.NONCE_BYTES];
        RANDOM.nextBytes(n);
        return n;
    }

    /** What the client sends in {@link SyncMessage.Authenticate}. */
    public static byte[] client(
            SyncSecret secret, int version, byte[] binding, byte[] clientNonce, byte[] serverNonce) {
        return proof(secret, "slotmail-sync client", version, binding, clientNonce, serverNonce);
    }

    /** What the server sends in {@link SyncMessage.Welcome}. */
    public static byte[] server(
            SyncSecret secret, int version, byte[] binding, byte[] clientNonce, byte[] serverNonce) {
        return proof(secret, "slotmail-sync server", version, binding, clientNonce, serverNonce);
    }

    /** Compares in constant time: how long it takes says nothing about how much matched. */
    public static boolean matches(byte[] expected, byte[] given) {
        return MessageDigest.isEqual(expected, given);
    }

    private static byte[] proof(
            SyncSecret secret, String label, int version, byte[] binding, byte[] clientNonce, byte[] serverNonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            byte[] l = label.getBytes(StandardCharsets.US_ASCII);
            // Every field is length-prefixed: no two different inputs hash the same bytes.
            field(mac, l);
            field(mac, new byte[] {
                (byte) (version >>> 24), (byte) (version >>> 16), (byte) (version >>> 8), (byte) version
            });
            field(mac, binding);
            field(mac, clientNonce);
            field(mac, serverNonce);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    private static void field(Mac mac, byte[] value) {
        int n = value.length;
        mac.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        mac.update(value);
    }
}
