package org.slotmail.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DotStuffingTest {
    @Test
    void linesStartingWithADotGetASecondOne() {
        assertThat(stuffed(".a\r\nb.\r\n.\r\n..c\r\n")).isEqualTo("..a\r\nb.\r\n..\r\n...c\r\n");
    }

    @Test
    void aMessageWithoutLeadingDotsIsNotCopied() {
        byte[] message = "a\r\nb.c\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(DotStuffing.encode(message)).isSameAs(message);
    }

    private static String stuffed(String text) {
        return new String(DotStuffing.encode(text.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);
    }
}
