package org.slotmail.sync.protocol;

import java.io.IOException;
import org.slotmail.sync.protocol.SyncMessage.Authenticate;
import org.slotmail.sync.protocol.SyncMessage.Challenge;
import org.slotmail.sync.protocol.SyncMessage.Failure;
import org.slotmail.sync.protocol.SyncMessage.Hello;
import org.slotmail.sync.protocol.SyncMessage.Welcome;

/**
 * The opening of every sync connection, over an established TLS session:
 *
 * <pre>
 * client: Hello(version, client nonce, name, largest frame it reads)
 * server: Challenge(version, server nonce, largest frame it reads)    or Failure(VERSION)
 * client: Authenticate(client proof)
 * server: Welcome(server proof)                                       or Failure(AUTH), then close
 * </pre>
 *
 * The client proves first, so a stranger who connects learns nothing to guess the secret from;
 * the client checks the server's proof before it sends anything else, so it never talks to a
 * server that does not know the secret either. From then on each side keeps its frames within
 * what the other reads.
 */
public final class Handshake {
    /** The protocol version this code speaks. */
    public static final int VERSION = 1;
    /** No side may ask for frames smaller than this: every single message must still fit. */
    public static final int MIN_FRAME_BYTES = 64 * 1024;

    private Handshake() {}

    /** What the handshake settled: the peer's name (server side) and the largest frame to send it. */
    public record Agreed(String peer, int maxFrameToPeer) {}

    /** Authenticates towards a server; returns when both sides have proven the secret. */
    public static Agreed asClient(
            FrameInput in, FrameOutput out, SyncSecret secret, byte[] binding, String name, int maxFrameBytes)
            throws IOException {
        byte[] clientNonce = Proofs.nonce();
        out.write(new Hello(VERSION, clientNonce, name, maxFrameBytes));
        out.flush();
        Challenge challenge = switch (in.read()) {
            case Challenge c when c.version() == VERSION -> c;
            case Challenge c ->
                throw new ProtocolException("server speaks version " + c.version() + ", not " + VERSION);
            case Failure f -> throw new RemoteFailure(f.code(), f.message());
            case SyncMessage m ->
                throw new ProtocolException(
                        "expected Challenge, got " + m.getClass().getSimpleName());
        };
        int toServer = frameLimit(challenge.maxFrameBytes(), maxFrameBytes);
        byte[] serverNonce = challenge.nonce();
        out.write(new Authenticate(Proofs.client(secret, VERSION, binding, clientNonce, serverNonce)));
        out.flush();
        switch (in.read()) {
            case Welcome w -> {
                byte[] expected = Proofs.server(secret, VERSION, binding, clientNonce, serverNonce);
                if (!Proofs.matches(expected, w.proof())) {
                    throw new AuthenticationException(
                            "the server does not know the replication secret" + " (or the connection is relayed)");
                }
            }
            case Failure f
            when f.code() == ErrorCode.AUTH ->
                throw new AuthenticationException("the server refused our proof: " + f.message());
            case Failure f -> throw new RemoteFailure(f.code(), f.message());
            case SyncMessage m ->
                throw new ProtocolException(
                        "expected Welcome, got " + m.getClass().getSimpleName());
        }
        return new Agreed("server", toServer);
    }

    /**
     * Authenticates a client; returns the name it gave and the largest frame to send it. On
     * failure the client is told why (without saying which part failed) and the exception thrown;
     * the caller closes.
     */
    public static Agreed asServer(FrameInput in, FrameOutput out, SyncSecret secret, byte[] binding, int maxFrameBytes)
            throws IOException {
        Hello hello = switch (in.read()) {
            case Hello h -> h;
            case SyncMessage m ->
                throw new ProtocolException(
                        "expected Hello, got " + m.getClass().getSimpleName());
        };
        if (hello.version() != VERSION) {
            out.write(new Failure(ErrorCode.VERSION, "this server speaks sync protocol version " + VERSION));
            out.flush();
            throw new ProtocolException("client speaks version " + hello.version());
        }
        int toClient = frameLimit(hello.maxFrameBytes(), maxFrameBytes);
        byte[] serverNonce = Proofs.nonce();
        out.write(new Challenge(VERSION, serverNonce, maxFrameBytes));
        out.flush();
        Authenticate auth = switch (in.read()) {
            case Authenticate a -> a;
            case SyncMessage m ->
                throw new ProtocolException(
                        "expected Authenticate, got " + m.getClass().getSimpleName());
        };
        byte[] expected = Proofs.client(secret, VERSION, binding, hello.nonce(), serverNonce);
        if (!Proofs.matches(expected, auth.proof())) {
            out.write(new Failure(ErrorCode.AUTH, "authentication failed"));
            out.flush();
            throw new AuthenticationException("client " + hello.peer() + " did not prove the replication secret");
        }
        out.write(new Welcome(Proofs.server(secret, VERSION, binding, hello.nonce(), serverNonce)));
        out.flush();
        return new Agreed(hello.peer(), toClient);
    }

    /** The largest frame to send a peer that reads {@code theirs}, when we read {@code ours}. */
    private static int frameLimit(int theirs, int ours) throws ProtocolException {
        if (theirs < MIN_FRAME_BYTES) throw new ProtocolException("peer reads frames of only " + theirs + " bytes");
        return Math.min(theirs, ours);
    }

    /** The other side could not prove the replication secret. */
    public static final class AuthenticationException extends IOException {
        public AuthenticationException(String message) {
            super(message);
        }
    }
}
