package org.slotmail.cluster.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class AccountsPropertiesTest {
    @Property
    void anyTextEitherParsesToALowerCaseFixedPointOrIsRefusedWithOneLine(@ForAll("addressLike") String text) {
        try {
            AccountAddress parsed = AccountAddress.parse(text);
            assertThat(parsed.toString()).isEqualTo(parsed.toString().toLowerCase(Locale.ROOT));
            assertThat(AccountAddress.parse(parsed.toString())).isEqualTo(parsed);
            assertThat(parsed.localPart()).doesNotContain("+");
            assertThat(parsed.toString().length()).isLessThanOrEqualTo(AccountAddress.MAX_LENGTH);
        } catch (InvalidAddressException e) {
            assertThat(e.getMessage()).doesNotContain("\n", "\r").isNotBlank();
        }
    }

    @Property
    void aSizePrintedAndReadBackIsTheSameSize(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long bytes) {
        assertThat(ByteSize.parse(new ByteSize(bytes).toString()).bytes()).isEqualTo(bytes);
    }

    @Property
    void aMultipleOfAUnitRoundTrips(@ForAll @LongRange(min = 0, max = 1 << 20) long count) {
        for (String unit : new String[] {"K", "M", "G", "T"}) {
            ByteSize size = ByteSize.parse(count + unit);
            assertThat(ByteSize.parse(size.toString())).isEqualTo(size);
        }
    }

    @Provide
    Arbitrary<String> addressLike() {
        return Arbitraries.strings()
                .withChars("abcXYZ019.-_+@ \t\u0000é'\"")
                .ofMinLength(0)
                .ofMaxLength(30);
    }
}
