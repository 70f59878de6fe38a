package org.slotmail.imap.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.SelectedMailbox;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.SyntaxException;

/**
 * IDLE (RFC 2177): after "+ idling" the server pushes changes of the selected mailbox as they
 * commit, until the client sends DONE. A second virtual thread waits for the DONE line, so the
 * session's own thread can wait for either event and write responses alone.
 */
final class IdleHandler {
    private IdleHandler() {}

    /** What ends a wait: a change in the mailbox, or the client's line (null: it went away). */
    private sealed interface Event {
        record Changed() implements Event {}

        record ClientLine(byte[] line, Exception failure) implements Event {}
    }

    static Completion run(Session s) throws IOException {
        BlockingQueue<Event> events = new ArrayBlockingQueue<>(2);
        SelectedMailbox selected = s.selected();
        if (selected != null) selected.onChange(() -> events.offer(new Event.Changed()));
        s.out().continuation("idling");
        Thread reader = Thread.ofVirtual().name("imap-idle-reader").start(() -> {
            try {
                events.put(new Event.ClientLine(s.in().readRawLine(), null));
            } catch (IOException | SyntaxException e) {
                events.offer(new Event.ClientLine(null, e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            while (true) {
                Event event = events.take();
                switch (event) {
                    case Event.Changed c -> {
                        s.sync(true, false);
                        s.out().flush();
                    }
                    case Event.ClientLine l -> {
                        reader.join();
                        if (l.failure() instanceof IOException io) throw io;
                        if (l.failure() != null) return Completion.bad("line too long");
                        if (l.line() == null) throw new java.io.EOFException("client left while idling");
                        String text = new String(l.line(), StandardCharsets.US_ASCII).strip();
                        if (!text.equalsIgnoreCase("DONE")) return Completion.bad("expected DONE");
                        return Completion.ok("IDLE terminated");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while idling");
        } finally {
            if (selected != null) selected.onChange(() -> {});
        }
    }
}
