package org.slotmail.net.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** Reads and writes certificates and private keys as PEM files (RFC 7468), with BouncyCastle. */
final class PemFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private PemFiles() {}

    /** Every certificate in {@code file}, in order; other PEM blocks (a key, say) are skipped. */
    static List<X509Certificate> readCertificates(Path file) throws IOException {
        var converter = new JcaX509CertificateConverter();
        var certificates = new ArrayList<X509Certificate>();
        for (Object block : blocks(file)) {
            if (block instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new IOException(file + ": unusable certificate: " + e.getMessage(), e);
                }
            }
        }
        if (certificates.isEmpty()) throw new IOException(file + ": no PEM CERTIFICATE block");
        return certificates;
    }

    /**
     * The first private key in {@code file}: PKCS#8 or the traditional OpenSSL forms. Blocks around
     * it (certificates, OpenSSL's {@code EC PARAMETERS}) are skipped.
     */
    static PrivateKey readPrivateKey(Path file) throws IOException {
        var converter = new JcaPEMKeyConverter();
        for (Object block : blocks(file)) {
            switch (block) {
                case PrivateKeyInfo pkcs8 -> {
                    return converter.getPrivateKey(pkcs8);
                }
                case PEMKeyPair traditional -> {
                    // Not via getKeyPair: the public key inside a traditional EC key is optional
                    // (RFC 5915 §3), and without it that conversion fails.
                    return converter.getPrivateKey(traditional.getPrivateKeyInfo());
                }
                case PKCS8EncryptedPrivateKeyInfo _, PEMEncryptedKeyPair _ ->
                    throw new IOException(file + ": the private key is encrypted; give it unencrypted, readable"
                            + " only by the server's user");
                default -> {}
            }
        }
        throw new IOException(file + ": no PEM PRIVATE KEY block");
    }

    private static List<Object> blocks(Path file) throws IOException {
        var blocks = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                var pem = new PEMParser(reader)) {
            for (Object block = pem.readObject(); block != null; block = pem.readObject()) {
                blocks.add(block);
            }
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return blocks;
    }

    /** Writes {@code certificate} to {@code file} (readable by all), replacing it in one step. */
    static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
        writeAtomically(file, WORLD_READABLE, pem -> pem.writeObject(certificate));
    }

    /** Writes {@code key} as PKCS#8 to {@code file}, readable only by its owner from the first byte. */
    static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        writeAtomically(file, OWNER_ONLY, pem -> pem.writeObject(new JcaPKCS8Generator(key, null)));
    }

    private interface PemContent {
        void writeTo(JcaPEMWriter pem) throws IOException;
    }

    /**
     * Writes a temporary file beside {@code file}, created with its final permissions so the key is
     * never readable by others even for a moment, and moves it into place: a reader sees the old
     * file or the new one, never half of one.
     */
    private static void writeAtomically(Path file, Set<PosixFilePermission> permissions, PemContent content)
            throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary =
                Files.createTempFile(directory, file.getFileName() + ".", ".tmp", attributes(file, permissions));
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.US_ASCII);
                    var pem = new JcaPEMWriter(writer)) {
                content.writeTo(pem);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static FileAttribute<?>[] attributes(Path file, Set<PosixFilePermission> permissions) {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) return new FileAttribute<?>[0];
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    }
}
