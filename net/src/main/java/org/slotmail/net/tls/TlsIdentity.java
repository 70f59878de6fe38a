package org.slotmail.net.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A server's certificate chain and private key, and the {@link SSLContext}s built from them: one to
 * serve with, and one for clients that trust exactly this certificate (tests, and a proxy talking
 * to a slot that uses the demo certificate). Listeners and connections restrict every TLS socket
 * to TLS 1.3 and 1.2; the contexts themselves are the JDK's defaults.
 */
public final class TlsIdentity {
    // The key store lives in memory for the lifetime of the context only; its password guards nothing.
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    private final List<X509Certificate> chain;
    private final X509ExtendedKeyManager keyManager;
    private final SSLContext serverContext;
    private final SSLContext trustingContext;

    private TlsIdentity(List<X509Certificate> chain, PrivateKey key) throws GeneralSecurityException {
        this.chain = List.copyOf(chain);
        this.keyManager = keyManager(this.chain, key);
        this.serverContext = contextWith(keyManager);
        this.trustingContext = trustingContext(this.chain.getLast());
    }

    /**
     * An identity from certificates and a key already in memory.
     *
     * @param chain the server's certificate first, then the intermediates that certify it
     * @throws IllegalArgumentException the chain is empty or the key does not belong to its first
     *     certificate
     */
    public static TlsIdentity of(List<X509Certificate> chain, PrivateKey key) {
        if (chain.isEmpty()) throw new IllegalArgumentException("no certificate");
        if (!keyMatches(key, chain.getFirst().getPublicKey())) {
            throw new IllegalArgumentException("the private key does not belong to the certificate "
                    + chain.getFirst().getSubjectX500Principal().getName());
        }
        try {
            return new TlsIdentity(chain, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot build a TLS context from this key", e);
        }
    }

    /**
     * The identity an operator configured: a PEM file with the server certificate followed by its
     * intermediates, and a PEM file with the private key (PKCS#8 {@code PRIVATE KEY}, or the
     * traditional {@code EC PRIVATE KEY} / {@code RSA PRIVATE KEY}; unencrypted). Both may be the same
     * file.
     *
     * @throws IOException a file is missing or unreadable, holds no certificate or key, or the key
     *     does not belong to the certificate; the message names the file
     */
    public static TlsIdentity fromPem(Path certificateChain, Path privateKey) throws IOException {
        List<X509Certificate> chain = PemFiles.readCertificates(certificateChain);
        PrivateKey key = PemFiles.readPrivateKey(privateKey);
        try {
            return of(chain, key);
        } catch (IllegalArgumentException e) {
            throw new IOException(privateKey + " does not hold the key of the certificate in " + certificateChain, e);
        }
    }

    /**
     * The demo identity kept in {@code directory} (e.g. {@code DIR/tls}): a self-signed EC P-256
     * certificate for {@code localhost}, {@code 127.0.0.1}, {@code ::1} and {@code hostName}, valid
     * for a year. Created on first use, reused while it is valid and names {@code hostName}, and
     * replaced when it is missing, unreadable, expired or about to expire.
     */
    public static TlsIdentity demo(Path directory, String hostName) throws IOException {
        return demo(directory, hostName, Clock.systemUTC());
    }

    /** As {@link #demo(Path, String)}, judging expiry by {@code clock}. */
    public static TlsIdentity demo(Path directory, String hostName, Clock clock) throws IOException {
        return DemoCertificate.loadOrCreate(directory, hostName, clock);
    }

    /** The server certificate, then its intermediates. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The server certificate. */
    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** A context for server sockets presenting this identity; one per identity, shared by all. */
    public SSLContext serverContext() {
        return serverContext;
    }

    /**
     * A client context that trusts this identity's last certificate (the self-signed demo one, or the
     * top of a configured chain) and nothing else. Clients should still turn on host name
     * verification ({@code SSLParameters.setEndpointIdentificationAlgorithm("HTTPS")}).
     */
    public SSLContext trustingContext() {
        return trustingContext;
    }

    /** The key manager presenting this identity; {@link CertificateFiles} switches between them. */
    X509ExtendedKeyManager keyManager() {
        return keyManager;
    }

    private static X509ExtendedKeyManager keyManager(List<X509Certificate> chain, PrivateKey key)
            throws GeneralSecurityException {
        KeyStore keys = emptyKeyStore();
        keys.setKeyEntry("server", key, IN_MEMORY_PASSWORD, chain.toArray(X509Certificate[]::new));
        var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, IN_MEMORY_PASSWORD);
        for (KeyManager manager : keyManagers.getKeyManagers()) {
            if (manager instanceof X509ExtendedKeyManager x509) return x509;
        }
        throw new GeneralSecurityException("the JDK's key manager factory made no X.509 key manager");
    }

    /** A server context presenting what {@code keyManager} chooses. */
    static SSLContext contextWith(X509ExtendedKeyManager keyManager) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {keyManager}, null, null);
        return context;
    }

    private static SSLContext trustingContext(X509Certificate anchor) throws GeneralSecurityException {
        KeyStore trusted = emptyKeyStore();
        trusted.setCertificateEntry("anchor", anchor);
        var trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }

    private static KeyStore emptyKeyStore() throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an empty key store", e);
        }
    }

    /**
     * Whether {@code key} is the private half of {@code publicKey}: it signs, the certificate's key
     * verifies. A mismatched pair would otherwise only show as every handshake failing.
     */
    static boolean keyMatches(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) return false;
        Optional<String> algorithm = signatureAlgorithm(key.getAlgorithm());
        if (algorithm.isEmpty()) return true;
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm.get());
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm.get());
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A signature algorithm to test a key pair with; empty for kinds we cannot test (then trusted). */
    private static Optional<String> signatureAlgorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "EC" -> Optional.of("SHA256withECDSA");
            case "RSA" -> Optional.of("SHA256withRSA");
            case "EdDSA", "Ed25519", "Ed448" -> Optional.of(keyAlgorithm);
            default -> Optional.empty();
        };
    }
}
