package org.slotmail.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A mailbox name is checked where it is made, so no protocol (IMAP, LMTP subaddresses, later
 * POP3 and the web) can hand the store a name that escapes the hierarchy, hides a line break,
 * or has two spellings.
 */
class MailboxNameTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "/",
                "/etc/passwd",
                "a/",
                "a//b",
                "..",
                ".",
                "../INBOX",
                "a/../b",
                "a/./b",
                "a/..",
                " a",
                "a /b",
                "a\u0000b",
                "a\rb",
                "a\nb",
                "a\tb",
                "a\u001bb",
                "a\u007fb",
                "a*b",
                "a%b",
            })
    void traversalEmptyLevelsAndControlCharactersAreRefused(String name) {
        assertRefused(name);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\u0085b", // NEL, a C1 control that some software reads as a line break
                "a\u009bb", // CSI, starts a terminal escape sequence
                "a\u2028b", // LINE SEPARATOR
                "a\u2029b", // PARAGRAPH SEPARATOR
            })
    void c1ControlsAndUnicodeLineBreaksAreRefused(String name) {
        assertRefused(name);
    }

    @Test
    void unpairedSurrogatesAreRefusedSoThatNoNameHasTwoSpellings() {
        // Stored as UTF-8, where an unpaired surrogate becomes '?': "a\uD800" would be "a?".
        assertThat("a\uD800".getBytes(StandardCharsets.UTF_8)).isEqualTo("a?".getBytes(StandardCharsets.UTF_8));
        assertRefused("a\uD800");
        assertRefused("a\uDC00b");
        assertRefused("\uDC00\uD800");
        assertThat(new MailboxName("Fotos \uD83D\uDCF7").value()).isEqualTo("Fotos \uD83D\uDCF7");
    }

    @Test
    void namesUpToTheLengthLimitAreAcceptedAndLongerOnesRefused() {
        assertThat(new MailboxName("a".repeat(MailboxName.MAX_LENGTH)).value()).hasSize(MailboxName.MAX_LENGTH);
        assertRefused("a".repeat(MailboxName.MAX_LENGTH + 1));
        assertRefused("a/".repeat(100_000) + "a");
    }

    @Test
    void ordinaryNamesAreKeptAndInboxIsCaseInsensitive() {
        assertThat(new MailboxName("Archive/2025/März").value()).isEqualTo("Archive/2025/März");
        assertThat(new MailboxName("inbox/Sub").value()).isEqualTo("INBOX/Sub");
        assertThat(new MailboxName("a.b/..c/d..").value()).isEqualTo("a.b/..c/d..");
    }

    private static void assertRefused(String name) {
        assertThatThrownBy(() -> new MailboxName(name))
                .isInstanceOfSatisfying(
                        MailboxException.class,
                        e -> assertThat(e.reason()).isEqualTo(MailboxException.Reason.INVALID_NAME));
    }
}
