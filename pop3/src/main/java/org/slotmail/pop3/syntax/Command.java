package org.slotmail.pop3.syntax;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One POP3 command as parsed from a line. Lines that are not a valid command are commands too
 * ({@link Unknown}, {@link Invalid}), so a session's switch over this type answers every line.
 * Message numbers are kept as the client wrote them (any positive number); whether one names a
 * message is the session's question.
 */
public sealed interface Command {
    /** USER name (RFC 1939 §7). */
    record User(String name) implements Command {
        public User {
            Objects.requireNonNull(name, "name");
        }
    }

    /** PASS string (RFC 1939 §7): everything after the first space, spaces included. */
    record Pass(String password) implements Command {
        public Pass {
            Objects.requireNonNull(password, "password");
        }

        /** Never the password: commands are logged. */
        @Override
        public String toString() {
            return "Pass[***]";
        }
    }

    /**
     * AUTH mechanism [initial-response] (RFC 5034 §4). Without a mechanism the client asks which
     * mechanisms there are (a widespread extension clients probe with before RFC 2449 CAPA).
     */
    record Auth(Optional<String> mechanism, Optional<String> initialResponse) implements Command {
        public Auth {
            Objects.requireNonNull(mechanism, "mechanism");
            Objects.requireNonNull(initialResponse, "initialResponse");
        }

        /** Never the initial response: for PLAIN it holds the password. */
        @Override
        public String toString() {
            return "Auth[" + mechanism.orElse("") + (initialResponse.isPresent() ? " ***" : "") + "]";
        }
    }

    /** CAPA (RFC 2449 §5). */
    record Capa() implements Command {}

    /** STLS (RFC 2595 §4). */
    record Stls() implements Command {}

    /** STAT (RFC 1939 §5). */
    record Stat() implements Command {}

    /** LIST [msg] (RFC 1939 §5): one scan listing, or all of them. */
    record ListMessages(OptionalLong message) implements Command {}

    /** UIDL [msg] (RFC 1939 §7): one unique-id listing, or all of them. */
    record Uidl(OptionalLong message) implements Command {}

    /** TOP msg n (RFC 1939 §7): the header and the first {@code lines} lines of the body. */
    record Top(long message, long lines) implements Command {}

    /** RETR msg (RFC 1939 §5). */
    record Retr(long message) implements Command {}

    /** DELE msg (RFC 1939 §5): marks the message; it is removed only in the UPDATE state. */
    record Dele(long message) implements Command {}

    /** RSET (RFC 1939 §5): unmarks every message marked as deleted. */
    record Rset() implements Command {}

    /** NOOP (RFC 1939 §5). */
    record Noop() implements Command {}

    /** QUIT (RFC 1939 §4 and §6). */
    record Quit() implements Command {}

    /** A POP3 command this server does not offer (APOP, the obsolete LAST and RPOP). */
    record NotSupported(String verb) implements Command {}

    /** A line whose verb is not a command at all; the verb is printable and short, for replies and logs. */
    record Unknown(String verb) implements Command {}

    /** A known command whose arguments break its grammar. */
    record Invalid(String verb, String detail) implements Command {}
}
