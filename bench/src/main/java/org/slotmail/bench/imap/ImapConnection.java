package org.slotmail.bench.imap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One IMAP client connection over a plain socket, as the benchmark drives it: commands written
 * and flushed in one piece (TCP_NODELAY on), responses read whole by a {@link ResponseReader}.
 * Blocking, one thread per connection, like the clients it stands in for.
 */
final class ImapConnection implements Closeable {
    private static final Pattern EXISTS = Pattern.compile("^\\* (\\d+) EXISTS", Pattern.CASE_INSENSITIVE);
    private static final Pattern UIDNEXT = Pattern.compile("\\[UIDNEXT (\\d+)]", Pattern.CASE_INSENSITIVE);
    private static final Pattern HIGHESTMODSEQ = Pattern.compile("\\[HIGHESTMODSEQ (\\d+)]", Pattern.CASE_INSENSITIVE);

    private final Socket socket;
    private final OutputStream out;
    private final ResponseReader reader;
    private int nextTag;

    private ImapConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        this.reader = new ResponseReader(socket.getInputStream());
    }

    /**
     * Connects from {@code source} (null: any local address) and reads the greeting.
     *
     * @throws ProtocolException when the greeting is not {@code * OK}
     */
    static ImapConnection open(InetSocketAddress server, InetAddress source, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
            if (source != null) socket.bind(new InetSocketAddress(source, 0));
            socket.connect(server, Math.toIntExact(timeout.toMillis()));
            ImapConnection connection = new ImapConnection(socket);
            ResponseReader.Response greeting = connection.reader.read();
            if (!greeting.startsAt(0, "* OK")) throw new ProtocolException("greeting: " + greeting);
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Connects, logs in and fails unless the server says OK. */
    static ImapConnection login(Target target, InetAddress source, Account account, Duration timeout)
            throws IOException {
        ImapConnection connection = open(target.address(), source, timeout);
        try {
            connection
                    .run("LOGIN " + quoted(account.user()) + " " + quoted(account.password()), r -> {})
                    .orThrow("LOGIN");
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The bytes read from the server so far. */
    long bytesRead() {
        return reader.bytesRead();
    }

    /** Sends one command and reads until its completion, handing each other response to {@code untagged}. */
    Completion run(String command, Consumer<ResponseReader.Response> untagged) throws IOException {
        String tag = send(command);
        return awaitCompletion(tag, untagged);
    }

    /** Writes {@code <tag> <command>} and flushes; returns the tag. */
    String send(String command) throws IOException {
        String tag = "b" + nextTag++;
        out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return tag;
    }

    /** Reads responses until the one tagged {@code tag}. */
    Completion awaitCompletion(String tag, Consumer<ResponseReader.Response> untagged) throws IOException {
        while (true) {
            ResponseReader.Response r = reader.read();
            if (r.hasTag(tag)) return Completion.parse(tag, r.text());
            if (!r.isUntagged() && !r.isContinuation() && !r.startsAt(0, "b")) {
                throw new ProtocolException("unexpected response: " + r);
            }
            untagged.accept(r);
        }
    }

    /** SELECT (with CONDSTORE when asked, RFC 7162 §3.1.8) and what it said of the mailbox. */
    MailboxState select(String mailbox, boolean condstore) throws IOException {
        long[] state = {-1, -1, -1};
        run("SELECT " + quoted(mailbox) + (condstore ? " (CONDSTORE)" : ""), r -> {
                    if (!r.isUntagged() || r.length() > 300) return;
                    String text = r.text();
                    state[0] = number(EXISTS.matcher(text), state[0]);
                    state[1] = number(UIDNEXT.matcher(text), state[1]);
                    state[2] = number(HIGHESTMODSEQ.matcher(text), state[2]);
                })
                .orThrow("SELECT " + mailbox);
        return new MailboxState(state[0], state[1], state[2]);
    }

    /** Starts IDLE (RFC 2177) and waits for the server's continuation; returns the command's tag. */
    String startIdle() throws IOException {
        String tag = send("IDLE");
        while (true) {
            ResponseReader.Response r = reader.read();
            if (r.isContinuation()) return tag;
            if (r.hasTag(tag)) throw new ProtocolException("IDLE refused: " + r);
        }
    }

    /** Ends IDLE with DONE and waits for the IDLE command's completion. */
    Completion endIdle(String tag) throws IOException {
        out.write("DONE\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return awaitCompletion(tag, r -> {});
    }

    /** LOGOUT, then close. */
    void logout() throws IOException {
        try {
            run("LOGOUT", r -> {});
        } finally {
            close();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A quoted string (RFC 9051 §4.3); the benchmark's names and passwords need no literal. */
    static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static long number(Matcher m, long otherwise) {
        return m.find() ? Long.parseLong(m.group(1)) : otherwise;
    }

    /** A tagged completion: OK, NO or BAD and the server's text. */
    record Completion(String tag, String status, String text) {
        static Completion parse(String tag, String line) {
            String rest = line.substring(tag.length() + 1);
            int space = rest.indexOf(' ');
            return space < 0
                    ? new Completion(tag, rest, "")
                    : new Completion(tag, rest.substring(0, space), rest.substring(space + 1));
        }

        boolean ok() {
            return status.equalsIgnoreCase("OK");
        }

        /** Itself when OK; otherwise a {@link CommandFailed} naming the command. */
        Completion orThrow(String what) throws CommandFailed {
            if (!ok()) throw new CommandFailed(what + ": " + status + " " + text);
            return this;
        }
    }

    /** What SELECT reported: message count, next UID, and HIGHESTMODSEQ (-1 when not sent). */
    record MailboxState(long exists, long uidNext, long highestModSeq) {}

    /** A command the server answered with NO or BAD. */
    static final class CommandFailed extends ProtocolException {
        CommandFailed(String message) {
            super(message);
        }
    }
}
