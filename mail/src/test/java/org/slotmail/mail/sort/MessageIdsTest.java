package org.slotmail.mail.sort;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageIdsTest {
    @Test
    void findsEveryBracketedId() {
        assertThat(MessageIds.parse("<a@x> <b@y>\r\n\t<c@z>")).containsExactly("<a@x>", "<b@y>", "<c@z>");
    }

    @Test
    void skipsCommentsQuotesAndPhrases() {
        assertThat(MessageIds.parse("Your message of \"<not@id>\" (<also@not>) <real@id>"))
                .containsExactly("<real@id>");
    }

    @Test
    void removesFoldingInsideAnId() {
        assertThat(MessageIds.parse("<long-\r\n id@example.com>")).containsExactly("<long-id@example.com>");
    }

    @Test
    void emptyAndBrokenValuesGiveNothing() {
        assertThat(MessageIds.parse(null)).isEmpty();
        assertThat(MessageIds.parse("<> <unclosed")).isEmpty();
        assertThat(MessageIds.first("none here")).isNull();
    }
}
