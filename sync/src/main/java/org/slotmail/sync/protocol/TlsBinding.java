package org.slotmail.sync.protocol;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * The TLS channel binding the handshake's proofs cover: 32 bytes exported from the session's
 * keys (RFC 5705 / RFC 8446 §7.5, {@link ExtendedSSLSession#exportKeyingMaterialData}, JDK 25).
 * Both ends of one TLS session export the same bytes; a relay that terminates TLS towards each
 * side holds two sessions with different bytes, so proofs it forwards do not verify.
 */
public final class TlsBinding {
    /** RFC 5705 §4: labels for private use begin with "EXPORTER". */
    static final String LABEL = "EXPORTER-slotmail-sync";

    private TlsBinding() {}

    /**
     * The binding of {@code session}.
     *
     * @throws SSLException the session exports nothing (a TLS 1.2 session without the extended
     *     master secret, or another provider): a binding is required, so the connection is
     *     refused rather than authenticated without one, which a relay could then exploit
     */
    public static byte[] of(SSLSession session) throws SSLException {
        if (!(session instanceof ExtendedSSLSession extended)) {
            throw new SSLException("the TLS session offers no keying material exporter");
        }
        try {
            byte[] exported = extended.exportKeyingMaterialData(LABEL, new byte[0], 32);
            if (exported == null || exported.length != 32) throw new SSLException("the TLS exporter gave no bytes");
            return exported;
        } catch (UnsupportedOperationException e) {
            throw new SSLException("the TLS session offers no keying material exporter", e);
        }
    }
}
