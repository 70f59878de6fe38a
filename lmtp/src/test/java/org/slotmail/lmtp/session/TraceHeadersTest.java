package org.slotmail.lmtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slotmail.lmtp.syntax.Address;

class TraceHeadersTest {
    private static final ZonedDateTime WHEN = ZonedDateTime.of(2025, 3, 7, 9, 5, 1, 0, ZoneOffset.ofHours(1));

    private static String render(String clientName, Address sender, Address only) throws UnknownHostException {
        return new String(
                TraceHeaders.render(
                        "mx.example",
                        "abc123",
                        clientName,
                        InetAddress.getByName("192.0.2.7"),
                        Optional.ofNullable(sender),
                        Optional.ofNullable(only),
                        WHEN),
                StandardCharsets.US_ASCII);
    }

    @Test
    void rendersReturnPathAndAReceivedLineWithTheSingleRecipient() throws UnknownHostException {
        assertThat(render("mta.example.net", new Address("s", "example.net"), new Address("u", "example.com")))
                .isEqualTo("Return-Path: <s@example.net>\r\n"
                        + "Received: from mta.example.net ([192.0.2.7])\r\n"
                        + "\tby mx.example with LMTP id abc123\r\n"
                        + "\tfor <u@example.com>;\r\n"
                        + "\tFri, 7 Mar 2025 09:05:01 +0100\r\n");
    }

    @Test
    void nothingTheClientSendsCanStartANewHeaderLine() throws UnknownHostException {
        String headers = render(
                "evil\r\nX-Injected: 1",
                new Address("a\r\nX-Injected: 2", "example.net"),
                new Address("b\nX-Injected: 3", "x.example"));
        assertThat(headers.split("\r\n", -1))
                .allSatisfy(line -> assertThat(line).doesNotStartWith("X-Injected"))
                .allSatisfy(line -> assertThat(line).doesNotContain("\r", "\n"));
        assertThat(headers.replace("\r\n", "")).doesNotContain("\r", "\n");
    }

    @Test
    void aLongClientNameIsCutToADomainsLength() throws UnknownHostException {
        String headers = render("a".repeat(5000), null, null);
        assertThat(headers.lines()).allSatisfy(line -> assertThat(line.length()).isLessThan(998));
        assertThat(headers).startsWith("Return-Path: <>\r\nReceived: from " + "a".repeat(255) + " (");
    }

    @Test
    void anIpv6ClientIsWrittenAsAnAddressLiteral() throws UnknownHostException {
        assertThat(TraceHeaders.addressLiteral(InetAddress.getByName("::1"))).isEqualTo("[IPv6:0:0:0:0:0:0:0:1]");
    }
}
