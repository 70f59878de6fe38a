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
 * client: Hello(version, client nonce, name)
 * server: Challenge(version, server nonce)            or Failure(VERSION)
 * client: Authenticate(client proof)
 * server: Welcome(server proof)                       or Failure(AUTH), then close
 * </pre>
 *
 * The client proves first, so a stranger who connects learns nothing to guess the secret from;
 * the client checks the server's proof before it sends anything else, so it never talks to a
 * server that does not know the secret either.
 */
public final class Handshake {
    /** The protocol version this code speaks. */
    public static final int VERSION = 1;

    private Handshake() {}

    /** Authenticates towards a server; returns when both sides have proven the secret. */
    public static void asClient(FrameInput in, FrameOutput out, SyncSecret secret, byte[] binding, String name)
            throws IOException {
        byte[] clientNonce = Proofs.nonce();
        out.write(new Hello(VERSION, clientNonce, name));
        out.flush();
        byte[] serverNonce = switch (in.read()) {
            case Challenge c when c.version() == VERSION -> c.nonce();
            case Challenge c ->
                throw new ProtocolException("server speaks version " + c.version() + ", not " + VERSION);
            case Failure f -> throw new RemoteFailure(f.code(), f.message());
            case SyncMessage m ->
                throw new ProtocolException(
                        "expected Challenge, got " + m.getClass().getSimpleName());
        };
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
    }

    /**
     * Authenticates a client; returns the name it gave. On failure the client is told why
     * (without saying which part failed) and the exception thrown; the caller closes.
     */
    public static String asServer(FrameInput in, FrameOutput out, SyncSecret secret, byte[] binding)
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
        byte[] serverNonce = Proofs.nonce();
        out.write(new Challenge(VERSION, serverNonce));
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
        return hello.peer();
    }

    /** The other side could not prove the replication secret. */
    public static final class AuthenticationException extends IOException {
        public AuthenticationException(String message) {
            super(message);
        }
    }
}
