package org.slotmail.net;

/**
 * What a finished TLS handshake agreed on, for logs and for a protocol's own checks.
 *
 * @param protocol e.g. {@code TLSv1.3}
 * @param cipherSuite e.g. {@code TLS_AES_256_GCM_SHA384}
 */
public record NegotiatedTls(String protocol, String cipherSuite) {
    @Override
    public String toString() {
        return protocol + " " + cipherSuite;
    }
}
