package org.slotmail.mail.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotmail.mail.Address;
import org.slotmail.mail.Envelope;

class SortKeysTest {
    private static Envelope envelope(List<Address> from, List<Address> to, List<Address> cc, String subject) {
        return new Envelope(null, subject, from, from, from, to, cc, List.of(), null, null);
    }

    private static final Address ANDRE = new Address("=?ISO-8859-1?Q?Andr=E9?= Pirard", null, "andre", "example.com");
    private static final Address BARE = new Address(null, null, "zed", "example.org");

    @Test
    void addressKeysAreTheFirstMailbox() {
        Envelope e = envelope(List.of(ANDRE, BARE), List.of(BARE), List.of(), "Re: x");
        assertThat(SortKeys.from(e)).isEqualTo("andre");
        assertThat(SortKeys.to(e)).isEqualTo("zed");
        assertThat(SortKeys.cc(e)).isEmpty();
        assertThat(SortKeys.subject(e)).isEqualTo(new BaseSubject("x", true));
    }

    @Test
    void displayKeysAreTheDecodedNameOrElseTheAddress() {
        Envelope e = envelope(List.of(ANDRE), List.of(BARE), List.of(), null);
        assertThat(SortKeys.displayFrom(e)).isEqualTo("André Pirard");
        assertThat(SortKeys.displayTo(e)).isEqualTo("zed@example.org");
        assertThat(SortKeys.displayTo(envelope(List.of(), List.of(), List.of(), null)))
                .isEmpty();
    }

    @Test
    void groupsAreSkippedForMailboxesAndNamedForDisplay() {
        List<Address> group =
                List.of(new Address(null, null, "Friends", null), BARE, new Address(null, null, null, null));
        Envelope e = envelope(List.of(ANDRE), group, List.of(), null);
        assertThat(SortKeys.to(e)).isEqualTo("zed");
        assertThat(SortKeys.displayTo(e)).isEqualTo("Friends");
    }

    @Test
    void asciiCasemapIgnoresOnlyAsciiCase() {
        List<String> keys = new ArrayList<>(List.of("bob", "Alice", "alice", "Émile", "carol"));
        keys.sort(SortKeys.ASCII_CASEMAP);
        assertThat(keys).containsExactly("Alice", "alice", "bob", "carol", "Émile");
    }
}
