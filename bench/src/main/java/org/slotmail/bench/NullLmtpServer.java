package org.slotmail.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slotmail.net.Connection;
import org.slotmail.net.ConnectionHandler;
import org.slotmail.net.Line;
import org.slotmail.net.LineReader;
import org.slotmail.net.LineWriter;
import org.slotmail.net.Listener;
import org.slotmail.net.ListenerSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An LMTP server (RFC 2033) that stores nothing: it answers every command as a real server would,
 * reads each DATA block to its final dot, and says 250 for every recipient at once. It runs on the
 * project's own {@link Listener}, {@link LineReader} and {@link LineWriter}, so the load generator
 * against it measures what the machine, the client and the connection handling cost with no
 * storage at all: the ceiling any LMTP server could reach here with this client.
 */
@Command(
        name = "lmtp-null",
        mixinStandardHelpOptions = true,
        description = "An LMTP server that accepts every message and stores none (a benchmark ceiling).")
public final class NullLmtpServer implements Callable<Integer> {
    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "23024", description = "port to listen on (default: ${DEFAULT-VALUE})")
    int port;

    /** Starts a null server on {@code bind} (port 0 picks one); closing the listener stops it. */
    static Listener start(InetSocketAddress bind) throws IOException {
        var listener = new Listener(
                ListenerSettings.defaults("lmtp-null", bind).withLimits(1000, 1000), new NullSession.Handler());
        listener.start();
        return listener;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        var listener = start(new InetSocketAddress(InetAddress.getByName(host), port));
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            listener.close();
            stopped.countDown();
        }));
        System.out.println("lmtp-null ready on " + listener.localAddress());
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new NullLmtpServer()).execute(args));
    }

    /** One conversation: every command answered, every message read and dropped. */
    private static final class NullSession {
        private final LineReader in;
        private final LineWriter out;
        private int recipients;

        private NullSession(Connection connection) {
            this.in = connection.in();
            this.out = connection.out();
        }

        private record Handler() implements ConnectionHandler {
            @Override
            public void serve(Connection connection) throws IOException {
                new NullSession(connection).run();
            }
        }

        private void run() throws IOException {
            out.line("220 null LMTP ready");
            while (true) {
                Line line = in.readLine(1000);
                if (!(line instanceof Line.Text text)) {
                    if (line instanceof Line.End) return;
                    out.line("500 5.5.2 line too long");
                    continue;
                }
                String command = text.latin1();
                String verb = command.length() < 4 ? command : command.substring(0, 4);
                switch (verb.toUpperCase(Locale.ROOT)) {
                    case "LHLO" ->
                        out.line("250-null")
                                .line("250-PIPELINING")
                                .line("250-ENHANCEDSTATUSCODES")
                                .line("250-8BITMIME")
                                .line("250 SIZE 104857600");
                    case "MAIL" -> {
                        recipients = 0;
                        out.line("250 2.1.0 sender OK");
                    }
                    case "RCPT" -> {
                        recipients++;
                        out.line("250 2.1.5 recipient OK");
                    }
                    case "DATA" -> data();
                    case "RSET" -> {
                        recipients = 0;
                        out.line("250 2.0.0 OK");
                    }
                    case "NOOP" -> out.line("250 2.0.0 OK");
                    case "QUIT" -> {
                        out.line("221 2.0.0 bye");
                        return;
                    }
                    default -> out.line("500 5.5.2 command not recognized");
                }
            }
        }

        private void data() throws IOException {
            if (recipients == 0) {
                out.line("503 5.5.1 no valid recipients");
                return;
            }
            out.line("354 go ahead").flush();
            var end = new EndOfData();
            while (!end.seen()) {
                if (!in.scan(end)) throw new java.io.EOFException("connection closed during DATA");
            }
            // RFC 2033 §4.2: one reply per accepted recipient, sent at once.
            for (int i = 0; i < recipients; i++) out.line("250 2.0.0 delivered nowhere");
            out.flush();
            recipients = 0;
        }
    }

    /** Finds the line holding only "." that ends a DATA block (RFC 5321 §4.1.1.4), across buffers. */
    private static final class EndOfData implements LineReader.BufferScanner {
        private static final int LINE_START = 0, DOT = 1, DOT_CR = 2, MIDDLE = 3, END = 4;
        private int state = LINE_START;

        boolean seen() {
            return state == END;
        }

        @Override
        public int scan(byte[] buf, int from, int to) {
            int i = from;
            while (i < to) {
                byte b = buf[i++];
                state = switch (state) {
                    case LINE_START -> b == '.' ? DOT : b == '\n' ? LINE_START : MIDDLE;
                    case DOT -> b == '\r' ? DOT_CR : b == '\n' ? END : MIDDLE;
                    case DOT_CR -> b == '\n' ? END : MIDDLE;
                    default -> b == '\n' ? LINE_START : MIDDLE;
                };
                if (state == END) return i - from;
                if (state == MIDDLE) {
                    // The rest of the line says nothing: jump to its line feed.
                    while (i < to && buf[i] != '\n') i++;
                }
            }
            return i - from;
        }
    }
}
