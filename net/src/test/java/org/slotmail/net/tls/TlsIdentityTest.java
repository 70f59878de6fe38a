package org.slotmail.net.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsIdentityTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path directory;

    private Path tls() {
        return directory.resolve("tls");
    }

    private TlsIdentity demo(String hostName, Clock clock) throws IOException {
        return TlsIdentity.demo(tls(), hostName, clock);
    }

    @Nested
    class DemoCertificate {
        @Test
        void isPersistedAndReusedAcrossLoads() throws IOException {
            X509Certificate first = demo("mail.test", CLOCK).certificate();
            assertThat(tls().resolve("demo-cert.pem")).isRegularFile();
            assertThat(tls().resolve("demo-key.pem")).isRegularFile();
            assertThat(demo("mail.test", CLOCK).certificate()).isEqualTo(first);
            assertThat(TlsIdentity.demo(tls(), "MAIL.test", Clock.offset(CLOCK, Duration.ofDays(300)))
                            .certificate())
                    .isEqualTo(first);
        }

        @Test
        void itsKeyFileIsReadableByItsOwnerOnly() throws IOException {
            demo("mail.test", CLOCK);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls().resolve("demo-key.pem"))))
                    .isEqualTo("rw-------");
        }

        @Test
        void isAnEcP256ServerCertificateForTheHostNameAndLoopbackValidForAYear() throws Exception {
            X509Certificate certificate = demo("mail.test", CLOCK).certificate();
            assertThat(certificate.getPublicKey()).isInstanceOf(ECPublicKey.class);
            assertThat(((ECPublicKey) certificate.getPublicKey())
                            .getParams()
                            .getCurve()
                            .getField()
                            .getFieldSize())
                    .isEqualTo(256);
            assertThat(certificate.getSubjectAlternativeNames())
                    .containsExactlyInAnyOrder(
                            List.of(2, "mail.test"),
                            List.of(2, "localhost"),
                            List.of(7, "127.0.0.1"),
                            List.of(7, "0:0:0:0:0:0:0:1"));
            assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=mail.test");
            assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
            assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
            assertThat(certificate.getNotBefore().toInstant()).isBeforeOrEqualTo(NOW);
            assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
            certificate.verify(certificate.getPublicKey()); // self-signed
        }

        @Test
        void namesAnIpAddressHostAsAnAddress() throws Exception {
            assertThat(demo("127.0.1.5", CLOCK).certificate().getSubjectAlternativeNames())
                    .contains(List.of(7, "127.0.1.5"))
                    .doesNotContain(List.of(2, "127.0.1.5"));
        }

        @Test
        void isRegeneratedWhenMissing() throws IOException {
            X509Certificate first = demo("mail.test", CLOCK).certificate();
            Files.delete(tls().resolve("demo-cert.pem"));
            X509Certificate second = demo("mail.test", CLOCK).certificate();
            assertThat(second).isNotEqualTo(first);
            Files.delete(tls().resolve("demo-key.pem"));
            assertThat(demo("mail.test", CLOCK).certificate()).isNotEqualTo(second);
            assertThat(demo("mail.test", CLOCK).certificate())
                    .isEqualTo(demo("mail.test", CLOCK).certificate());
        }

        @Test
        void isRegeneratedWhenExpired() throws IOException {
            X509Certificate first = demo("mail.test", CLOCK).certificate();
            Instant later = NOW.plus(Duration.ofDays(400));
            X509Certificate renewed =
                    demo("mail.test", Clock.fixed(later, ZoneOffset.UTC)).certificate();
            assertThat(renewed).isNotEqualTo(first);
            assertThat(renewed.getNotBefore().toInstant()).isBefore(later);
            assertThat(renewed.getNotAfter().toInstant()).isAfter(later);
        }

        @Test
        void isRenewedAWeekBeforeItExpires() throws IOException {
            X509Certificate first = demo("mail.test", CLOCK).certificate();
            assertThat(demo("mail.test", Clock.offset(CLOCK, Duration.ofDays(359)))
                            .certificate())
                    .isNotEqualTo(first);
        }

        @Test
        void isRegeneratedForAnotherHostName() throws Exception {
            X509Certificate first = demo("mail.test", CLOCK).certificate();
            X509Certificate other = demo("imap.example", CLOCK).certificate();
            assertThat(other).isNotEqualTo(first);
            assertThat(other.getSubjectAlternativeNames()).contains(List.of(2, "imap.example"));
        }

        @Test
        void unreadableFilesAreReplaced() throws IOException {
            X509Certificate first = demo("mail.test", CLOCK).certificate();
            Files.writeString(tls().resolve("demo-cert.pem"), "not a certificate");
            assertThat(demo("mail.test", CLOCK).certificate()).isNotEqualTo(first);
        }

        @Test
        void aKeyFromAnotherCertificateIsNotUsed(@TempDir Path other) throws IOException {
            X509Certificate first = demo("mail.test", CLOCK).certificate();
            TlsIdentity.demo(other, "mail.test", CLOCK);
            Files.copy(other.resolve("demo-key.pem"), tls().resolve("demo-key.pem"), REPLACE_EXISTING);
            assertThat(demo("mail.test", CLOCK).certificate()).isNotEqualTo(first);
        }

        @Test
        void serversStartingTogetherEndUpWithOneCertificate() throws Exception {
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                var loads = IntStream.range(0, 8)
                        .mapToObj(_ ->
                                executor.submit(() -> demo("mail.test", CLOCK).certificate()))
                        .toList();
                X509Certificate first = loads.getFirst().get();
                for (var load : loads) assertThat(load.get()).isEqualTo(first);
                assertThat(demo("mail.test", CLOCK).certificate()).isEqualTo(first);
            }
        }

        @Test
        void aHostNameThatCannotBeACertificateNameIsRejected() {
            assertThatThrownBy(() -> demo("mail test", CLOCK)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> demo("", CLOCK)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class ConfiguredPem {
        private Path write(String name, String content) throws IOException {
            return Files.writeString(directory.resolve(name), content, US_ASCII);
        }

        private PrivateKey demoKey() throws IOException {
            return PemFiles.readPrivateKey(tls().resolve("demo-key.pem"));
        }

        @Test
        void aChainAndAPkcs8KeyAreLoaded() throws IOException {
            X509Certificate demo = demo("mail.test", CLOCK).certificate();
            var identity = TlsIdentity.fromPem(tls().resolve("demo-cert.pem"), tls().resolve("demo-key.pem"));
            assertThat(identity.chain()).containsExactly(demo);
            assertThat(identity.serverContext().getProtocol()).isEqualTo("TLS");
        }

        @Test
        void aTraditionalEcKeyAfterAnEcParametersBlockIsLoaded() throws IOException {
            X509Certificate demo = demo("mail.test", CLOCK).certificate();
            // What `openssl ecparam -genkey -name prime256v1` writes: the curve, then the key in
            // RFC 5915 form with the curve and the public key inside it.
            var pkcs8 = PrivateKeyInfo.getInstance(demoKey().getEncoded());
            var inner = ECPrivateKey.getInstance(pkcs8.parsePrivateKey());
            var traditional = new ECPrivateKey(
                    256,
                    inner.getKey(),
                    SubjectPublicKeyInfo.getInstance(demo.getPublicKey().getEncoded())
                            .getPublicKeyData(),
                    pkcs8.getPrivateKeyAlgorithm().getParameters());
            var pem = new StringWriter();
            try (var writer = new JcaPEMWriter(pem)) {
                writer.writeObject(new PemObject("EC PARAMETERS", X9ObjectIdentifiers.prime256v1.getEncoded()));
                writer.writeObject(new PemObject("EC PRIVATE KEY", traditional.getEncoded()));
            }
            assertThat(pem.toString()).startsWith("-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==");
            Path key = write("traditional.pem", pem.toString());
            assertThat(TlsIdentity.fromPem(tls().resolve("demo-cert.pem"), key).certificate())
                    .isEqualTo(demo);
        }

        @Test
        void certificateAndKeyMayShareOneFile() throws IOException {
            X509Certificate demo = demo("mail.test", CLOCK).certificate();
            Path both = write(
                    "both.pem",
                    Files.readString(tls().resolve("demo-key.pem")) + Files.readString(tls().resolve("demo-cert.pem")));
            assertThat(TlsIdentity.fromPem(both, both).certificate()).isEqualTo(demo);
        }

        @Test
        void aKeyThatIsNotTheCertificatesIsRejectedNamingBothFiles(@TempDir Path other) throws IOException {
            demo("mail.test", CLOCK);
            TlsIdentity.demo(other, "mail.test", CLOCK);
            Path certificate = tls().resolve("demo-cert.pem");
            Path key = other.resolve("demo-key.pem");
            assertThatThrownBy(() -> TlsIdentity.fromPem(certificate, key))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(certificate.toString())
                    .hasMessageContaining(key.toString());
        }

        @Test
        void aFileWithoutACertificateIsRejectedNamingIt() throws IOException {
            demo("mail.test", CLOCK);
            Path key = tls().resolve("demo-key.pem");
            assertThatThrownBy(() -> TlsIdentity.fromPem(key, key))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(key.toString())
                    .hasMessageContaining("no PEM CERTIFICATE");
        }

        @Test
        void aMissingFileIsRejectedNamingIt() {
            Path missing = directory.resolve("missing.pem");
            assertThatThrownBy(() -> TlsIdentity.fromPem(missing, missing))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(missing.toString());
        }

        @Test
        void anEncryptedKeyIsRejectedWithAReason() throws Exception {
            demo("mail.test", CLOCK);
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(new BouncyCastleProvider())
                    .setPassword("secret".toCharArray())
                    .build();
            var pem = new StringWriter();
            try (var writer = new JcaPEMWriter(pem)) {
                writer.writeObject(new JcaPKCS8Generator(demoKey(), encryptor));
            }
            Path key = write("encrypted.pem", pem.toString());
            assertThatThrownBy(() -> TlsIdentity.fromPem(tls().resolve("demo-cert.pem"), key))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("encrypted");
        }
    }
}
