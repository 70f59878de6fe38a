package org.slotmail.sync.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay between a sync client and server that cuts connections on demand: each new
 * connection takes the next byte budget queued (bytes in both directions together) and is closed
 * when it is spent, at whatever point of the protocol that falls. Without a budget queued,
 * connections live. The target can change (a server restarted on another port).
 */
final class CuttingRelay implements AutoCloseable {
    private final ServerSocket server;
    private volatile InetSocketAddress target;
    private final ConcurrentLinkedQueue<Long> budgets = new ConcurrentLinkedQueue<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong cuts = new AtomicLong();
    private volatile boolean closed;

    CuttingRelay(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("relay-accept").start(this::accept);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    void target(InetSocketAddress newTarget) {
        this.target = newTarget;
    }

    /** The next connection is cut after {@code bytes} bytes. */
    void cutNextAfter(long bytes) {
        budgets.add(bytes);
    }

    /** Cuts every connection open now. */
    void cutAll() {
        for (Socket s : open) closeQuietly(s);
    }

    long cuts() {
        return cuts.get();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            Long budget = budgets.poll();
            Thread.ofVirtual().start(() -> relay(client, budget == null ? Long.MAX_VALUE : budget));
        }
    }

    private void relay(Socket client, long budget) {
        Socket upstream = new Socket();
        open.add(client);
        open.add(upstream);
        try {
            upstream.connect(target, 2000);
            upstream.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
            var left = new AtomicLong(budget);
            Thread a = Thread.ofVirtual().start(() -> pump(client, upstream, left));
            Thread b = Thread.ofVirtual().start(() -> pump(upstream, client, left));
            a.join();
            b.join();
        } catch (IOException | InterruptedException e) {
            // The target is down: the client sees its connection closed.
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
            open.remove(client);
            open.remove(upstream);
        }
    }

    private void pump(Socket from, Socket to, AtomicLong left) {
        byte[] buf = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                int n = in.read(buf);
                if (n < 0) break;
                long before = left.getAndAdd(-n);
                if (before <= n) {
                    // Send what fits the budget, then cut.
                    if (before > 0) out.write(buf, 0, (int) before);
                    cuts.incrementAndGet();
                    break;
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // One side went away.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        cutAll();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Cutting is all we wanted.
        }
    }
}
