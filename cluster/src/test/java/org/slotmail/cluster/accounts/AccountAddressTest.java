package org.slotmail.cluster.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountAddressTest {
    @ParameterizedTest
    @CsvSource({
        "alice@example.com,            alice@example.com",
        "Alice@Example.COM,            alice@example.com",
        "first.last@mail.example.org,  first.last@mail.example.org",
        "o'brien@example.com,          o'brien@example.com",
        "a_b-c@x-y.example,            a_b-c@x-y.example",
        "postmaster@localhost,         postmaster@localhost",
        "user@xn--bcher-kva.example,   user@xn--bcher-kva.example",
    })
    void validAddressesAreLowerCased(String text, String expected) {
        assertThat(AccountAddress.parse(text).toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''                      | address is empty",
                "alice                   | address 'alice' has no domain; write it as alice@<domain>",
                "alice@                  | address 'alice@' has no domain after '@'",
                "@example.com            | address '@example.com' has nothing before '@'",
                "a@b@example.com         | address 'a@b@example.com' has more than one '@'",
                "'al ice@example.com'    | address 'al ice@example.com' contains a space",
                "'alice@example.com '    | address 'alice@example.com ' contains a space",
                "alice+news@example.com  | address 'alice+news@example.com' contains '+', which account names cannot use"
                        + " (user+folder@domain delivers to a folder)",
                ".alice@example.com      | address '.alice@example.com' has a local part that starts or ends with '.'"
                        + " or contains '..'",
                "al..ice@example.com     | address 'al..ice@example.com' has a local part that starts or ends with '.'"
                        + " or contains '..'",
                "al\"ice@example.com     | address 'al\"ice@example.com' contains '\"', which the local part cannot use",
                "alice@example..com      | address 'alice@example..com' has an invalid domain 'example..com'",
                "alice@-example.com      | address 'alice@-example.com' has an invalid domain '-example.com'",
                "alice@exa_mple.com      | address 'alice@exa_mple.com' has an invalid domain 'exa_mple.com'",
                "alice@[127.0.0.1]       | address 'alice@[127.0.0.1]' has an invalid domain '[127.0.0.1]'",
                "jörg@example.com        | address 'jörg@example.com' has a non-ASCII local part",
                "jorg@bücher.example     | address 'jorg@bücher.example' has a non-ASCII domain; use its xn-- form",
            })
    void badAddressesAreRefusedWithAOneLineReason(String text, String message) {
        assertThatThrownBy(() -> AccountAddress.parse(text))
                .isInstanceOf(InvalidAddressException.class)
                .hasMessage(message);
    }

    @Test
    void controlCharactersAreRefusedAndNotEchoed() {
        assertThatThrownBy(() -> AccountAddress.parse("ali\u0000ce@example.com"))
                .hasMessage("address 'ali?ce@example.com' contains a control character");
        assertThatThrownBy(() -> AccountAddress.parse("alice@example.com\r\nRCPT"))
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("\r");
    }

    @Test
    void theKelvinSignDoesNotLowerCaseIntoAnAsciiK() {
        assertThatThrownBy(() -> AccountAddress.parse("\u212Aate@example.com"))
                .hasMessageEndingWith("has a non-ASCII local part");
    }

    @Test
    void lengthLimitsFollowTheSmtpRfc() {
        String local64 = "a".repeat(64);
        assertThat(AccountAddress.parse(local64 + "@example.com").localPart()).hasSize(64);
        assertThatThrownBy(() -> AccountAddress.parse("a" + local64 + "@example.com"))
                .hasMessageEndingWith("has a local part longer than 64 characters");
        String label63 = "d".repeat(63);
        String domain189 = label63 + "." + label63 + "." + "d".repeat(61);
        assertThat(AccountAddress.parse(local64 + "@" + domain189).toString()).hasSize(254);
        assertThatThrownBy(() -> AccountAddress.parse(local64 + "@d." + domain189))
                .hasMessageEndingWith("is longer than 254 characters");
        assertThatThrownBy(() -> AccountAddress.parse("alice@" + "d".repeat(64) + ".com"))
                .hasMessageContaining("has an invalid domain");
    }

    @Test
    void aLoginWithoutDomainGetsTheDefaultDomain() {
        assertThat(AccountAddress.forLogin("Alice", "example.org"))
                .hasValue(new AccountAddress("alice", "example.org"));
        assertThat(AccountAddress.forLogin("alice@other.net", "example.org"))
                .hasValue(new AccountAddress("alice", "other.net"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "al ice", "alice@", "a@b@c", "alice+folder", "\u0000"})
    void aLoginThatCannotNameAnAccountFindsNothing(String login) {
        assertThat(AccountAddress.forLogin(login, "example.org")).isEmpty();
    }

    @Test
    void theDefaultDomainMustBeAHostName() {
        assertThat(AccountAddress.checkDomain("Example.ORG")).isEqualTo("example.org");
        assertThatThrownBy(() -> AccountAddress.checkDomain("not a domain"))
                .isInstanceOf(InvalidAddressException.class)
                .hasMessage("domain 'not a domain' contains a space");
        assertThatThrownBy(() -> AccountAddress.checkDomain("")).hasMessage("domain '' is empty");
    }
}
