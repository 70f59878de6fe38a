package org.slotmail.slot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.net.login.PlaintextLogins;
import org.slotmail.net.tls.TlsIdentity;

/** A slot serves the operator's PEM certificate on every listener and applies its login settings. */
class SlotSecurityTest {
    @TempDir
    Path dir;

    private SlotConfig config(SlotSecurity security) {
        return SlotConfig.standalone(
                        "s1",
                        dir.resolve("slot"),
                        "127.0.0.1",
                        Ports.ephemeral(),
                        "slot.test",
                        SlotConfig.DEFAULT_MAX_MESSAGE_SIZE)
                .withSecurity(security);
    }

    private static Certificate[] handshake(Socket plain, TlsIdentity trusted) throws IOException {
        var tls = (SSLSocket)
                trusted.trustingContext().getSocketFactory().createSocket(plain, "localhost", plain.getPort(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls.getSession().getPeerCertificates();
    }

    @Test
    void theConfiguredCertificateIsServedByImapsAndLmtpStartTls() throws Exception {
        // Made elsewhere, as an operator's certificate would be; not in the slot's demo directory.
        TlsIdentity operator = TlsIdentity.demo(dir.resolve("operator"), "slot.test");
        Path cert = dir.resolve("operator").resolve("demo-cert.pem");
        Path key = dir.resolve("operator").resolve("demo-key.pem");
        try (var slot =
                Slot.start(config(SlotSecurity.defaults().withCertificate(cert, key)), new SlotTest.Directory())) {
            try (var s = new Socket("127.0.0.1", slot.imapsAddress().getPort())) {
                s.setSoTimeout(10_000);
                assertThat(handshake(s, operator)[0]).isEqualTo(operator.certificate());
            }
            try (var s = new Socket("127.0.0.1", slot.lmtpAddress().getPort())) {
                s.setSoTimeout(10_000);
                var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("220 ");
                s.getOutputStream().write("LHLO t\r\n".getBytes(StandardCharsets.US_ASCII));
                String line;
                boolean offered = false;
                do {
                    line = in.readLine();
                    offered |= line.substring(4).equals("STARTTLS");
                } while (line.charAt(3) == '-');
                assertThat(offered).isTrue();
                s.getOutputStream().write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("220 2.0.0");
                assertThat(handshake(s, operator)[0]).isEqualTo(operator.certificate());
            }
        }
        assertThat(Files.exists(dir.resolve("slot").resolve("tls")))
                .as("no demo certificate made")
                .isFalse();
    }

    @Test
    void plaintextLoginsNeverMakesImapAdvertiseLoginDisabledEvenOnLoopback() throws Exception {
        var security = SlotSecurity.defaults().withPlaintextLogins(PlaintextLogins.NEVER);
        try (var slot = Slot.start(config(security), new SlotTest.Directory());
                var s = new Socket("127.0.0.1", slot.imapAddress().getPort())) {
            s.setSoTimeout(10_000);
            var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).contains("STARTTLS", "LOGINDISABLED").doesNotContain("AUTH=PLAIN");
            assertThat(slot.config().plaintextLogins()).isEqualTo(PlaintextLogins.NEVER);
        }
    }
}
