package org.slotmail.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageFactoryTest {
    private static final List<String> FIVE = List.of(
            "user1@example.com", "user2@example.com", "user3@example.com", "user4@example.com", "user5@example.com");

    @ParameterizedTest
    @CsvSource({"4096, 1", "4096, 5", "65536, 1", "65536, 5", "1000, 1", "1001, 5"})
    void messagesHaveTheExactSizeAndAreValidRfc5322Text(int size, int recipients) {
        MessageFactory factory = new MessageFactory(size, "bench@example.net", "run1", 7);
        for (long sequence : new long[] {0, 9, 12_345, Long.MAX_VALUE}) {
            byte[] message = factory.create(sequence, FIVE.subList(0, recipients));
            assertThat(message).hasSize(size);
            String text = new String(message, StandardCharsets.US_ASCII);
            assertThat(text).endsWith("\r\n").contains("\r\n\r\n");
            // Every CR is followed by LF and every LF preceded by CR: no bare line ends.
            assertThat(text.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
            for (String line : text.split("\r\n")) {
                assertThat(line.length()).isLessThanOrEqualTo(998);
                assertThat(line).doesNotStartWith(".");
            }
        }
    }

    @Test
    void manyRecipientsAreFoldedIntoTheToHeader() {
        List<String> many = IntStream.rangeClosed(1, 100)
                .mapToObj(k -> "user" + k + "@example.com")
                .toList();
        String text = new String(
                new MessageFactory(8192, "bench@example.net", "run1", 7).create(1, many), StandardCharsets.US_ASCII);
        String headers = text.substring(0, text.indexOf("\r\n\r\n"));
        assertThat(headers.lines()).allMatch(line -> line.length() <= 78);
        String to = headers.substring(headers.indexOf("To: "), headers.indexOf("\r\nSubject:"));
        assertThat(to.replace("\r\n", "")).isEqualTo("To: " + String.join(", ", many));
    }

    @Test
    void everyMessageHasItsOwnMessageId() {
        MessageFactory factory = new MessageFactory(4096, "bench@example.net", "run1", 7);
        Set<String> ids = new HashSet<>();
        for (long sequence = 0; sequence < 1000; sequence++) {
            String text = new String(factory.create(sequence, FIVE.subList(0, 1)), StandardCharsets.US_ASCII);
            Matcher id = Pattern.compile("\r\nMessage-ID: (<[^>]+>)\r\n").matcher(text);
            assertThat(id.find()).isTrue();
            ids.add(id.group(1));
        }
        assertThat(ids).hasSize(1000);
    }

    @Test
    void aSizeSmallerThanTheHeadersIsRefused() {
        MessageFactory factory = new MessageFactory(200, "bench@example.net", "run1", 7);
        assertThatThrownBy(() -> factory.create(1, FIVE)).isInstanceOf(IllegalArgumentException.class);
    }
}
