package org.slotmail.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.net.login.MutableClock;
import org.slotmail.net.tls.CertificateFiles;
import org.slotmail.net.tls.TlsIdentity;

/** A listener serving an operator's PEM files picks up a renewed certificate without a restart. */
class CertificateReloadTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private final List<AutoCloseable> open = new ArrayList<>();
    private TlsIdentity first;
    private TlsIdentity second;
    private Path certificate;
    private Path key;
    private CertificateFiles files;
    private Listener listener;
    private int writes;

    @BeforeEach
    void serveTheFirstPair() throws IOException {
        first = TlsIdentity.demo(dir.resolve("first"), "mail.test");
        second = TlsIdentity.demo(dir.resolve("second"), "mail.test");
        certificate = dir.resolve("cert.pem");
        key = dir.resolve("key.pem");
        install("first");
        files = CertificateFiles.watch(certificate, key, Duration.ofSeconds(5), clock);
        listener = new Listener(
                ListenerSettings.defaults("imaps", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                        .withImplicitTls(files.serverContext()),
                new UpgradingEcho(files.serverContext()));
        listener.start();
        open.add(listener);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
    }

    /** Copies a demo pair over the served files, with a distinct modification time each time. */
    private void install(String which) throws IOException {
        Files.copy(dir.resolve(which).resolve("demo-cert.pem"), certificate, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dir.resolve(which).resolve("demo-key.pem"), key, StandardCopyOption.REPLACE_EXISTING);
        touch();
    }

    private void touch() throws IOException {
        var time = FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(++writes));
        Files.setLastModifiedTime(certificate, time);
        Files.setLastModifiedTime(key, time);
    }

    private LineClient connect(TlsIdentity trusting) throws IOException {
        var client = LineClient.plain(listener.localAddress());
        open.add(client);
        client.startTls(trusting.trustingContext(), "localhost");
        return client;
    }

    @Test
    void aRenewedCertificateIsServedOnceTheCheckIntervalPassed() throws IOException {
        assertThat(connect(first).readLine()).isEqualTo("hello");
        install("second");
        // Within the interval the files are not even looked at.
        assertThat(connect(first).readLine()).isEqualTo("hello");
        clock.advance(Duration.ofSeconds(5));
        var client = connect(second);
        assertThat(client.tls().getSession().getPeerCertificates()[0]).isEqualTo(second.certificate());
        assertThat(files.current().certificate()).isEqualTo(second.certificate());
        assertThatThrownBy(() -> connect(first)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aBrokenNewPairKeepsTheOldIdentityInService() throws IOException {
        Files.writeString(certificate, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
        touch();
        clock.advance(Duration.ofSeconds(5));
        assertThat(files.reloadIfDue()).isFalse();
        assertThat(connect(first).readLine()).isEqualTo("hello");

        // Half a renewal: the new certificate beside the old key.
        Files.copy(dir.resolve("second").resolve("demo-cert.pem"), certificate, StandardCopyOption.REPLACE_EXISTING);
        touch();
        clock.advance(Duration.ofSeconds(5));
        assertThat(files.reloadIfDue()).isFalse();
        assertThat(connect(first).readLine()).isEqualTo("hello");

        // The key arrives: now the pair loads.
        Files.copy(dir.resolve("second").resolve("demo-key.pem"), key, StandardCopyOption.REPLACE_EXISTING);
        touch();
        clock.advance(Duration.ofSeconds(5));
        assertThat(files.reloadIfDue()).isTrue();
        assertThat(connect(second).readLine()).isEqualTo("hello");
    }

    @Test
    void aPairThatDoesNotLoadAtStartFailsNamingTheFile() throws IOException {
        Files.writeString(key, "nothing here\n");
        assertThatThrownBy(() -> CertificateFiles.watch(certificate, key))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(key.toString());
    }
}
