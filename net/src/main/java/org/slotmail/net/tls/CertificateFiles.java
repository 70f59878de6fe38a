package org.slotmail.net.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator's PEM certificate chain and private key, watched: the {@link #serverContext()} always
 * presents what the files hold now, so a renewed certificate (certbot, an ACME client, a manual
 * copy) is served without a restart. At most once per {@code checkEvery}, a handshake looks at the
 * files' modification time, size and identity; when they changed the pair is read again. A pair
 * that does not load (half written, key of another certificate, garbage) keeps the old identity in
 * service and is logged at WARN once, then read again when the files change once more.
 *
 * <p>Established connections keep the certificate they were made with; TLS sessions resumed later
 * also do (RFC 8446 §2.2), which is what a client expects.
 */
public final class CertificateFiles {
    private static final Logger log = LoggerFactory.getLogger(CertificateFiles.class);
    /** How often handshakes look at the files unless configured. */
    public static final Duration DEFAULT_CHECK_EVERY = Duration.ofSeconds(5);

    private final Path certificateFile;
    private final Path keyFile;
    private final Duration checkEvery;
    private final Clock clock;
    private final SSLContext context;
    private final Object reloading = new Object();
    // Every alias we hand out names its generation, so a handshake that chose an alias just before a
    // reload still gets the matching chain and key from the previous one.
    private volatile Generation current;
    private volatile Generation previous;
    private volatile long nextCheckMillis;
    private Stamp seen;

    private record Generation(int number, TlsIdentity identity) {}

    /** What the files looked like: a change in any of these means a new pair may be there. */
    private record Stamp(
            Object certificateKey,
            long certificateTime,
            long certificateSize,
            Object keyKey,
            long keyTime,
            long keySize) {}

    private CertificateFiles(
            Path certificateFile, Path keyFile, Duration checkEvery, Clock clock, TlsIdentity first, Stamp stamp)
            throws GeneralSecurityException {
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
        this.checkEvery = checkEvery;
        this.clock = clock;
        this.current = new Generation(1, first);
        this.previous = current;
        this.seen = stamp;
        this.nextCheckMillis = clock.millis() + checkEvery.toMillis();
        this.context = TlsIdentity.contextWith(new Keys());
    }

    /**
     * Loads the pair now (see {@link TlsIdentity#fromPem}) and watches it from then on.
     *
     * @throws IOException the files do not hold a usable pair now; the message names the file
     */
    public static CertificateFiles watch(Path certificateFile, Path keyFile, Duration checkEvery, Clock clock)
            throws IOException {
        Objects.requireNonNull(checkEvery, "checkEvery");
        Stamp stamp = stamp(certificateFile, keyFile);
        TlsIdentity identity = TlsIdentity.fromPem(certificateFile, keyFile);
        try {
            return new CertificateFiles(certificateFile, keyFile, checkEvery, clock, identity, stamp);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot build a TLS context", e);
        }
    }

    /** Watches with the default interval on the system clock. */
    public static CertificateFiles watch(Path certificateFile, Path keyFile) throws IOException {
        return watch(certificateFile, keyFile, DEFAULT_CHECK_EVERY, Clock.systemUTC());
    }

    /** The context to serve with; one for the life of this object, its identity follows the files. */
    public SSLContext serverContext() {
        return context;
    }

    /** The identity being served now. */
    public TlsIdentity current() {
        return current.identity();
    }

    /** Looks at the files now if the interval has passed since the last look; true when a new pair went into service. */
    public boolean reloadIfDue() {
        if (clock.millis() < nextCheckMillis) return false;
        synchronized (reloading) {
            if (clock.millis() < nextCheckMillis) return false;
            nextCheckMillis = clock.millis() + checkEvery.toMillis();
            Stamp now;
            try {
                now = stamp(certificateFile, keyFile);
            } catch (IOException e) {
                now = null; // e.g. the moment between delete and create; reported when it persists
            }
            if (now == null || now.equals(seen)) return false;
            seen = now;
            try {
                TlsIdentity fresh = TlsIdentity.fromPem(certificateFile, keyFile);
                previous = current;
                current = new Generation(previous.number() + 1, fresh);
                log.atInfo()
                        .setMessage("TLS certificate reloaded")
                        .addKeyValue("file", certificateFile)
                        .addKeyValue(
                                "subject",
                                fresh.certificate().getSubjectX500Principal().getName())
                        .addKeyValue(
                                "notAfter", fresh.certificate().getNotAfter().toInstant())
                        .log();
                return true;
            } catch (IOException | RuntimeException e) {
                log.atWarn()
                        .setMessage("the changed TLS certificate or key cannot be used; still serving the previous one")
                        .addKeyValue("certificate", certificateFile)
                        .addKeyValue("key", keyFile)
                        .addKeyValue("error", e.getMessage())
                        .log();
                return false;
            }
        }
    }

    private static Stamp stamp(Path certificateFile, Path keyFile) throws IOException {
        var c = Files.readAttributes(certificateFile, BasicFileAttributes.class);
        var k = Files.readAttributes(keyFile, BasicFileAttributes.class);
        return new Stamp(
                c.fileKey(),
                c.lastModifiedTime().toMillis(),
                c.size(),
                k.fileKey(),
                k.lastModifiedTime().toMillis(),
                k.size());
    }

    /** Server side only: chooses from the current generation, answers for the last two. */
    private final class Keys extends X509ExtendedKeyManager {
        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            reloadIfDue();
            Generation g = current;
            return tagged(g, g.identity().keyManager().chooseServerAlias(keyType, issuers, socket));
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            reloadIfDue();
            Generation g = current;
            return tagged(g, g.identity().keyManager().chooseEngineServerAlias(keyType, issuers, engine));
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            Generation g = current;
            String[] aliases = g.identity().keyManager().getServerAliases(keyType, issuers);
            if (aliases == null) return null;
            return java.util.Arrays.stream(aliases).map(a -> tagged(g, a)).toArray(String[]::new);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            Generation g = generation(alias);
            return g == null ? null : g.identity().keyManager().getCertificateChain(untagged(alias));
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            Generation g = generation(alias);
            return g == null ? null : g.identity().keyManager().getPrivateKey(untagged(alias));
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        private static String tagged(Generation g, String alias) {
            return alias == null ? null : g.number() + ":" + alias;
        }

        private static String untagged(String alias) {
            return alias.substring(alias.indexOf(':') + 1);
        }

        private Generation generation(String alias) {
            if (alias == null) return null;
            int colon = alias.indexOf(':');
            if (colon < 0) return null;
            String number = alias.substring(0, colon);
            for (Generation g : List.of(current, previous)) {
                if (Integer.toString(g.number()).equals(number)) return g;
            }
            return null;
        }
    }
}
