package org.slotmail.cluster.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    static final Argon2Cost CHEAP = new Argon2Cost(64, 1, 1);
    private final PasswordHasher hasher = new PasswordHasher(CHEAP);

    @Test
    void aHashIsAnArgon2idPhcStringThatNeverContainsThePassword() {
        String hash = hasher.hash("correct horse".toCharArray());
        assertThat(hash)
                .matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}")
                .doesNotContain("correct horse");
    }

    @Test
    void theRightPasswordVerifiesAndAWrongOneDoesNot() {
        String hash = hasher.hash("correct horse".toCharArray());
        assertThat(hasher.verify("correct horse".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("correct horse ".toCharArray(), hash)).isFalse();
        assertThat(hasher.verify("Correct horse".toCharArray(), hash)).isFalse();
        assertThat(hasher.verify(new char[0], hash)).isFalse();
    }

    @Test
    void eachHashHasItsOwnSalt() {
        char[] password = "same".toCharArray();
        assertThat(hasher.hash(password)).isNotEqualTo(hasher.hash(password));
    }

    @Test
    void nonAsciiPasswordsVerifyAsUtf8() {
        String hash = hasher.hash("pässwörd ✓".toCharArray());
        assertThat(hasher.verify("pässwörd ✓".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("passwörd ✓".toCharArray(), hash)).isFalse();
    }

    @Test
    void aHashMadeWithAnotherCostStillVerifiesButNeedsRehash() {
        var stronger = new PasswordHasher(new Argon2Cost(128, 2, 1));
        String old = hasher.hash("pw".toCharArray());
        assertThat(stronger.verify("pw".toCharArray(), old)).isTrue();
        assertThat(stronger.needsRehash(old)).isTrue();
        assertThat(hasher.needsRehash(old)).isFalse();
    }

    @Test
    void hashesMadeByTheReferenceImplementationVerify() {
        // Made with libargon2 (phc-winner-argon2, as packaged by Debian), argon2id_hash_encoded.
        String ascii = "$argon2id$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$F1jG2CV3/Nr+yRuIsPKw0J9r4s7cJHBU";
        assertThat(hasher.verify("password".toCharArray(), ascii)).isTrue();
        assertThat(hasher.verify("passwore".toCharArray(), ascii)).isFalse();
        String utf8 = "$argon2id$v=19$m=256,t=2,p=2$MDEyMzQ1Njc4OWFiY2RlZg$UVyHv9KLS+60QOtENgkFliMSdU5+All7m+nq0vHU1Hc";
        assertThat(hasher.verify("pässwörd ✓".toCharArray(), utf8)).isTrue();
        assertThat(hasher.verify("passwörd ✓".toCharArray(), utf8)).isFalse();
    }

    @Test
    void unreadableOrForeignHashesNeverVerifyAndAlwaysNeedRehash() {
        for (String bad : new String[] {
            "",
            "password",
            "$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
            "$argon2id$v=16$m=64,t=1,p=1$c29tZXNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
            "$argon2id$v=19$m=99999999,t=1,p=1$c29tZXNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
            "$argon2id$v=19$t=1,m=64,p=1$c29tZXNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
            "$argon2id$v=19$m=64,t=1,p=1$!!!$aGFzaGhhc2hoYXNoaGFzaA",
            "$2b$12$abcdefghijklmnopqrstuu5HuG0YjRCAdXKKDo/QPcSH3hjL.6ZWq",
        }) {
            assertThat(hasher.verify("password".toCharArray(), bad)).as(bad).isFalse();
            assertThat(hasher.needsRehash(bad)).as(bad).isTrue();
        }
    }

    @Test
    void theHashDoesNotPrintItsBytes() {
        var parsed = PasswordHash.parse(hasher.hash("pw".toCharArray())).orElseThrow();
        assertThat(parsed.toString()).isEqualTo("PasswordHash[Argon2Cost[memoryKib=64, iterations=1, parallelism=1]]");
    }
}
