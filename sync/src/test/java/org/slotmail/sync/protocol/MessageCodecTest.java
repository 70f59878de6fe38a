package org.slotmail.sync.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    @Provide
    Arbitrary<SyncMessage> messages() {
        return SyncArbitraries.syncMessages();
    }

    @Provide
    Arbitrary<List<SyncMessage>> messageLists() {
        return SyncArbitraries.syncMessages().list().ofMaxSize(8);
    }

    @Property(tries = 2000)
    void everyMessageDecodesToItself(@ForAll("messages") SyncMessage message) throws IOException {
        byte[] bytes = MessageCodec.encode(message);
        assertThat(MessageCodec.decode(bytes)).isEqualTo(message);
    }

    @Property(tries = 500)
    void framesCarryMessagesInOrder(@ForAll("messageLists") List<SyncMessage> messages) throws IOException {
        var sink = new ByteArrayOutputStream();
        var out = new FrameOutput(sink, 1 << 20);
        for (SyncMessage m : messages) out.write(m);
        out.flush();
        var in = new FrameInput(new ByteArrayInputStream(sink.toByteArray()), 1 << 20);
        for (SyncMessage m : messages) assertThat(in.read()).isEqualTo(m);
        assertThatThrownBy(in::read).isInstanceOf(EOFException.class);
    }

    @Property(tries = 1000)
    void aTruncatedMessageIsAProtocolError(
            @ForAll("messages") SyncMessage message, @ForAll @IntRange(min = 1, max = 10_000) int cut) {
        byte[] bytes = MessageCodec.encode(message);
        int keep = bytes.length - 1 - (cut % bytes.length);
        byte[] truncated = Arrays.copyOf(bytes, keep);
        assertThatThrownBy(() -> MessageCodec.decode(truncated)).isInstanceOf(ProtocolException.class);
    }

    @Property(tries = 2000)
    void damagedBytesDecodeOrAreRefusedClearly(
            @ForAll("messages") SyncMessage message,
            @ForAll @IntRange(min = 0, max = 100_000) int at,
            @ForAll byte value) {
        byte[] bytes = MessageCodec.encode(message);
        bytes[at % bytes.length] = value;
        try {
            SyncMessage decoded = MessageCodec.decode(bytes);
            // Whatever it became is itself a message that survives the trip.
            assertThat(MessageCodec.decode(MessageCodec.encode(decoded))).isEqualTo(decoded);
        } catch (ProtocolException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Test
    void aFrameOverTheLimitIsRefusedBeforeItsBytesAreRead() {
        byte[] header = {0x7f, 0, 0, 0};
        var in = new FrameInput(new ByteArrayInputStream(header), 1 << 20);
        assertThatThrownBy(in::read)
                .isInstanceOf(FrameInput.FrameTooLargeException.class)
                .hasMessageContaining("over the limit");
    }

    @Test
    void aConnectionEndingInsideAFrameIsAProtocolError() throws IOException {
        var sink = new ByteArrayOutputStream();
        var out = new FrameOutput(sink, 1 << 20);
        out.write(new SyncMessage.Ping(7));
        out.flush();
        byte[] all = sink.toByteArray();
        var in = new FrameInput(new ByteArrayInputStream(Arrays.copyOf(all, all.length - 2)), 1 << 20);
        assertThatThrownBy(in::read).isInstanceOf(ProtocolException.class).hasMessageContaining("cut short");
    }

    @Test
    void anEmptyFrameAndAnUnknownTypeAreRefused() {
        assertThatThrownBy(() -> new FrameInput(new ByteArrayInputStream(new byte[4]), 1 << 20).read())
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> MessageCodec.decode(new byte[] {(byte) 200}))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("unknown message type");
    }

    @Test
    void aMessageTooLargeForAFrameIsNotSent() {
        var out = new FrameOutput(new ByteArrayOutputStream(), 1024);
        assertThatThrownBy(() -> out.write(new SyncMessage.BlobChunk(new byte[2000])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedUtf8InANameIsRefused() throws IOException {
        byte[] bytes = MessageCodec.encode(new SyncMessage.NotFound("abc"));
        bytes[bytes.length - 1] = (byte) 0xff;
        assertThatThrownBy(() -> MessageCodec.decode(bytes))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void secretsAndProofsStayOutOfLogs() {
        assertThat(SyncSecret.of("pw-secret-0123456789abcdef").toString()).doesNotContain("pw-secret-");
        assertThat(new SyncMessage.Authenticate(new byte[32]).toString()).isEqualTo("Authenticate[***]");
    }
}
