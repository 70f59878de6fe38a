package org.slotmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.slotmail.mail.Messages.crlf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SummaryCodecTest {
    private static final String SAMPLE = crlf("""
            From: "Doe, Jane" <jane@example.com>
            To: team: a@example.com, b@example.com;
            Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain; charset=utf-8
            Content-Language: en

            hi
            --b
            Content-Type: message/rfc822
            Content-Disposition: attachment; filename=fwd.eml

            Subject: inner

            inner body
            --b--
            """);

    @Test
    void parsedSummaryRoundTrips() {
        MessageSummary summary = Messages.parse(SAMPLE);
        assertThat(MessageSummary.fromBytes(summary.toBytes())).isEqualTo(summary);
    }

    @Test
    void nullsRoundTrip() {
        MessageSummary summary = new MessageSummary(null, null, -7);
        assertThat(MessageSummary.fromBytes(summary.toBytes())).isEqualTo(summary);
    }

    @Test
    void firstByteIsTheVersion() {
        assertThat(Messages.parse(SAMPLE).toBytes()[0]).isEqualTo((byte) SummaryCodec.VERSION);
    }

    @Test
    void unknownVersionIsRejected() {
        byte[] bytes = Messages.parse(SAMPLE).toBytes();
        bytes[0] = 2;
        assertThatThrownBy(() -> MessageSummary.fromBytes(bytes)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyAndNullInputAreRejected() {
        assertThatThrownBy(() -> MessageSummary.fromBytes(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageSummary.fromBytes(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] bytes = Messages.parse(SAMPLE).toBytes();
        for (int len = 0; len < bytes.length; len++) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> MessageSummary.fromBytes(cut)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] bytes = Messages.parse(SAMPLE).toBytes();
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> MessageSummary.fromBytes(longer)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hugeLengthIsRejectedBeforeAllocating() {
        // version, envelope present, date length prefix of 2^62.
        byte[] bytes = {
            1,
            1,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            0x40
        };
        assertThatThrownBy(() -> MessageSummary.fromBytes(bytes)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void absurdNestingIsRejectedWithoutOverflowingTheStack() {
        // A multipart of one multipart of one multipart ... never closed.
        byte[] bytes = new byte[2 + 2 * 100_000];
        bytes[0] = 1;
        bytes[1] = 0;
        for (int i = 2; i < bytes.length; i += 2) {
            bytes[i] = 2;
            bytes[i + 1] = 2;
        }
        assertThatThrownBy(() -> MessageSummary.fromBytes(bytes)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void anySummaryRoundTrips(@ForAll("summaries") MessageSummary summary) {
        byte[] bytes = summary.toBytes();
        assertThat(MessageSummary.fromBytes(bytes)).isEqualTo(summary);
        assertThat(MessageSummary.fromBytes(bytes).toBytes()).isEqualTo(bytes);
    }

    @Property(tries = 1000)
    void garbageIsRejectedOrReadNeverAnythingElse(@ForAll byte[] garbage) {
        try {
            MessageSummary.fromBytes(garbage);
        } catch (IllegalArgumentException expected) {
            // the only failure allowed
        }
    }

    @Property(tries = 500)
    void corruptedSummaryIsRejectedOrReadNeverAnythingElse(
            @ForAll("summaries") MessageSummary summary, @ForAll Random random) {
        byte[] bytes = summary.toBytes();
        bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
        try {
            MessageSummary.fromBytes(bytes);
        } catch (IllegalArgumentException expected) {
            // the only failure allowed
        }
    }

    @Provide
    Arbitrary<MessageSummary> summaries() {
        return Arbitraries.randomValue(random -> new SummaryGenerator(random).summary());
    }

    /** Random summaries with every field, null included, and strings of any chars. */
    private record SummaryGenerator(Random random) {
        MessageSummary summary() {
            return new MessageSummary(
                    maybe(this::envelope), maybe(() -> body(0)), random.nextLong() >> random.nextInt(64));
        }

        private <T> T maybe(java.util.function.Supplier<T> value) {
            return random.nextInt(5) == 0 ? null : value.get();
        }

        private String str() {
            if (random.nextInt(5) == 0) return null;
            return nonNullStr();
        }

        private String nonNullStr() {
            int len = random.nextInt(4) == 0 ? 0 : random.nextInt(12);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < len; i++) {
                sb.append(
                        switch (random.nextInt(4)) {
                            case 0 -> (char) (' ' + random.nextInt(95));
                            case 1 -> (char) random.nextInt(0x800);
                            case 2 -> (char) (0xD800 + random.nextInt(0x800)); // lone surrogates too
                            default -> (char) random.nextInt(0x10000);
                        });
            }
            return sb.toString();
        }

        private List<Address> addresses() {
            if (random.nextInt(5) == 0) return null;
            List<Address> list = new ArrayList<>();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) list.add(new Address(str(), str(), str(), str()));
            return list;
        }

        private Envelope envelope() {
            return new Envelope(
                    str(),
                    str(),
                    addresses(),
                    addresses(),
                    addresses(),
                    addresses(),
                    addresses(),
                    addresses(),
                    str(),
                    str());
        }

        private Map<String, String> params() {
            if (random.nextInt(5) == 0) return null;
            Map<String, String> map = new LinkedHashMap<>();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) map.put(nonNullStr(), nonNullStr());
            return map;
        }

        private List<String> strings() {
            if (random.nextInt(3) == 0) return null;
            List<String> list = new ArrayList<>();
            int n = random.nextInt(3);
            for (int i = 0; i < n; i++) list.add(nonNullStr());
            return list;
        }

        private BodyStructure.Disposition disposition() {
            return maybe(() -> new BodyStructure.Disposition(str(), params()));
        }

        private BodyStructure body(int depth) {
            if (depth > 3 || random.nextBoolean()) {
                return new BodyStructure.Single(
                        str(),
                        str(),
                        params(),
                        str(),
                        str(),
                        str(),
                        random.nextLong() >> random.nextInt(64),
                        random.nextInt(3) - 1L,
                        str(),
                        disposition(),
                        strings(),
                        str(),
                        maybe(this::envelope),
                        depth > 3 ? null : maybe(() -> body(depth + 1)));
            }
            List<BodyStructure> parts = null;
            if (random.nextInt(6) > 0) {
                parts = new ArrayList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) parts.add(body(depth + 1));
            }
            return new BodyStructure.Multipart(parts, str(), params(), disposition(), strings(), str());
        }
    }
}
