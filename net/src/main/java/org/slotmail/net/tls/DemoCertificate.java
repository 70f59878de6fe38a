package org.slotmail.net.tls;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-signed certificate a demo or test system serves when no real one is configured: kept as
 * {@code demo-cert.pem} and {@code demo-key.pem} (mode 0600) in one directory, created on first use
 * and replaced when it no longer fits. Clients must be told to trust it; it proves nothing to anyone
 * else.
 */
final class DemoCertificate {
    static final String CERTIFICATE_FILE = "demo-cert.pem";
    static final String KEY_FILE = "demo-key.pem";
    private static final String LOCK_FILE = ".demo.lock";
    static final Duration VALIDITY = Duration.ofDays(365);
    // Replaced a week early, so a demo started just before expiry does not die halfway through.
    static final Duration RENEW_BEFORE = Duration.ofDays(7);
    // Clients whose clock is a little behind ours still accept a certificate made a moment ago.
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "::1");
    // A DNS name as a certificate may carry it (RFC 5280 §4.2.1.6: IA5String, preferred syntax).
    private static final Pattern DNS_NAME =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Logger log = LoggerFactory.getLogger(DemoCertificate.class);

    private DemoCertificate() {}

    /**
     * Loads the pair, or makes a new one. Holds a lock file in the directory while it does: the
     * servers of one demo system may share the directory and start together, and two creating at
     * once could leave one's key beside the other's certificate.
     */
    static TlsIdentity loadOrCreate(Path directory, String hostName, Clock clock) throws IOException {
        SequencedSet<String> names = names(hostName);
        Files.createDirectories(directory);
        // File locks are held per process, so threads of this one take turns on the monitor first.
        synchronized (DemoCertificate.class) {
            try (var lockFile = FileChannel.open(directory.resolve(LOCK_FILE), CREATE, WRITE);
                    var _ = lockFile.lock()) {
                return loadOrCreateLocked(directory, names, clock);
            }
        }
    }

    private static TlsIdentity loadOrCreateLocked(Path directory, SequencedSet<String> names, Clock clock)
            throws IOException {
        Path certificateFile = directory.resolve(CERTIFICATE_FILE);
        Path keyFile = directory.resolve(KEY_FILE);
        Instant now = clock.instant();
        Optional<TlsIdentity> existing = load(certificateFile, keyFile);
        if (existing.isPresent()) {
            X509Certificate certificate = existing.get().certificate();
            if (fits(certificate, names, now)) return existing.get();
            log.atInfo()
                    .setMessage("replacing the demo TLS certificate: expired, about to, or for other names")
                    .addKeyValue("file", certificateFile)
                    .addKeyValue("notAfter", certificate.getNotAfter().toInstant())
                    .log();
        }
        KeyPair keys = generateKeys();
        X509Certificate certificate = selfSigned(keys, names, now);
        // Key first: if we die between the two writes, the next load finds a key that does not
        // match the certificate, rejects the pair and starts over.
        PemFiles.writePrivateKey(keyFile, keys.getPrivate());
        PemFiles.writeCertificate(certificateFile, certificate);
        log.atInfo()
                .setMessage("created a self-signed demo TLS certificate; clients must be told to trust it")
                .addKeyValue("file", certificateFile)
                .addKeyValue("names", names)
                .addKeyValue("notAfter", certificate.getNotAfter().toInstant())
                .log();
        return TlsIdentity.of(List.of(certificate), keys.getPrivate());
    }

    /** The identity in the two files, or empty when either is missing, unreadable or they differ. */
    private static Optional<TlsIdentity> load(Path certificateFile, Path keyFile) {
        if (!Files.exists(certificateFile) || !Files.exists(keyFile)) return Optional.empty();
        try {
            List<X509Certificate> chain = PemFiles.readCertificates(certificateFile);
            PrivateKey key = PemFiles.readPrivateKey(keyFile);
            return Optional.of(TlsIdentity.of(chain, key));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            // Ours to replace: nothing but this class writes these files.
            log.atWarn()
                    .setMessage("the demo TLS certificate is unusable and will be replaced")
                    .addKeyValue("file", certificateFile)
                    .addKeyValue("error", e.toString())
                    .log();
            return Optional.empty();
        }
    }

    /** Whether the certificate is valid now, a while longer, and for every name wanted. */
    static boolean fits(X509Certificate certificate, Collection<String> names, Instant now) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isBefore(notBefore) || !now.plus(RENEW_BEFORE).isBefore(notAfter)) return false;
        try {
            return subjectAlternativeNames(certificate).containsAll(names);
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    /** The DNS names and IP addresses the certificate is for, normalised as {@link #names} makes them. */
    static List<String> subjectAlternativeNames(X509Certificate certificate) throws CertificateParsingException {
        var result = new ArrayList<String>();
        Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
        if (entries == null) return result;
        for (List<?> entry : entries) {
            if (entry.get(1) instanceof String value) result.add(normalised(value));
        }
        return result;
    }

    /** {@code hostName}, then localhost and the loopback addresses, each once. */
    private static SequencedSet<String> names(String hostName) {
        String host = normalised(hostName.strip());
        if (!isIpAddress(host) && !DNS_NAME.matcher(host).matches()) {
            throw new IllegalArgumentException("not a host name or IP address: " + hostName);
        }
        var names = new LinkedHashSet<String>();
        names.add(host);
        LOOPBACK_NAMES.forEach(name -> names.add(normalised(name)));
        return names;
    }

    /** An IP literal in one canonical spelling (so {@code ::1} matches {@code 0:0:0:0:0:0:0:1}); a DNS name in lower case. */
    private static String normalised(String name) {
        if (isIpAddress(name)) return InetAddress.ofLiteral(name).getHostAddress();
        return name.toLowerCase(Locale.ROOT);
    }

    private static boolean isIpAddress(String name) {
        try {
            InetAddress.ofLiteral(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static KeyPair generateKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make EC P-256 keys", e);
        }
    }

    /**
     * A certificate for a TLS server (RFC 5280): not a CA, signing key use only, server
     * authentication, every name as a subject alternative name (RFC 6125 §6.4.4: clients check
     * those, not the common name).
     */
    private static X509Certificate selfSigned(KeyPair keys, SequencedSet<String> names, Instant now)
            throws IOException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Slotmail demo")
                .addRDN(BCStyle.CN, names.getFirst())
                .build();
        // RFC 5280 §4.1.2.2: positive, unique per issuer, at most 20 octets.
        BigInteger serial = new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
        try {
            var extensions = new JcaX509ExtensionUtils();
            var builder = new JcaX509v3CertificateBuilder(
                            subject,
                            serial,
                            Date.from(now.minus(BACKDATE)),
                            Date.from(now.plus(VALIDITY)),
                            subject,
                            keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, generalNames(names))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            extensions.createAuthorityKeyIdentifier(keys.getPublic()));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (CertIOException e) {
            throw new IOException("cannot encode the demo certificate", e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot sign the demo certificate", e);
        }
    }

    private static GeneralNames generalNames(Collection<String> names) {
        return new GeneralNames(names.stream()
                .map(name -> isIpAddress(name)
                        ? new GeneralName(
                                GeneralName.iPAddress,
                                new DEROctetString(InetAddress.ofLiteral(name).getAddress()))
                        : new GeneralName(GeneralName.dNSName, name))
                .toArray(GeneralName[]::new));
    }
}
