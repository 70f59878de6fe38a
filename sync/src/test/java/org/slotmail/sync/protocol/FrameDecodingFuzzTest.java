package org.slotmail.sync.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Fuzzes what a sync server or client reads from the network: arbitrary bytes as a stream of
 * frames, blobs included. Whatever arrives ends in messages, a {@link ProtocolException} or the
 * end of the stream, never another exception, a hang or an allocation beyond the frame limit; and
 * every message decoded survives another encode and decode unchanged. In a plain test run this
 * replays the kept corpus ({@code src/test/resources/.../FrameDecodingFuzzTestInputs}); {@code
 * JAZZER_FUZZ=1 ./mvnw -pl sync test -Dtest=FrameDecodingFuzzTest} fuzzes for real.
 */
class FrameDecodingFuzzTest {
    private static final int MAX_FRAME = 64 * 1024;

    @FuzzTest(maxDuration = "30s")
    void framesDecodeOrAreRefused(byte[] input) throws IOException {
        var in = new FrameInput(new ByteArrayInputStream(input), MAX_FRAME);
        try {
            for (int frames = 0; frames < 10_000; frames++) {
                SyncMessage m = in.read();
                SyncMessage again = MessageCodec.decode(MessageCodec.encode(m));
                if (!again.equals(m)) throw new AssertionError("did not survive a round trip: " + m);
                long size = switch (m) {
                    case SyncMessage.PutBlob p -> p.size();
                    case SyncMessage.BlobData d -> d.size();
                    default -> -1;
                };
                if (size >= 0) readBlob(in, size);
            }
        } catch (EOFException | ProtocolException e) {
            // The two ways a stream of bad bytes may end.
        }
    }

    private static void readBlob(FrameInput in, long size) throws IOException {
        BlobTransfer.Incoming blob = BlobTransfer.receive(in, size);
        try {
            blob.transferTo(OutputStream.nullOutputStream());
        } catch (BlobTransfer.AbortedException e) {
            // The sender gave up: the stream is still in step.
        }
        blob.finish();
    }
}
