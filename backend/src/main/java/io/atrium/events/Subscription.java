package io.atrium.events;

import io.atrium.api.Problem;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One client's stream: its filter, its cursor and a bounded queue between the producers (the
 * hub's thread live, a catch-up thread while it resumes) and the client, which takes events
 * only as fast as it writes them. A live client whose queue is full has fallen too far behind:
 * it gets the events queued, then an error event, then the end of the stream, and resumes from
 * its cursor. The hub never waits for a client.
 */
public final class Subscription {

    /** One thing to send: an event with the cursor after it, an error, or the end. */
    public record Delivery(StreamEvent event, String cursor, Problem error) {
        static final Delivery END = new Delivery(null, null, null);
        /** Nothing happened for a while: a comment keeps the connection (and proxies) awake. */
        static final Delivery KEEP_ALIVE = new Delivery(null, null, null);

        boolean isKeepAlive() {
            return this == KEEP_ALIVE;
        }

        boolean isEnd() {
            return this == END;
        }
    }

    /** Ids a resuming client remembers: as many as the hub does. */
    private static final int RECENT_IDS = 50_000;

    final EventFilter filter;
    /** What the client has seen: touched by whoever feeds it (catch-up, then the hub), one at a time. */
    final Cursor cursor;

    private final int capacity;
    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
    /** Ids sent while resuming, so that an event Kafka holds twice (after an outage) is sent once. */
    private Map<String, Boolean> recentIds = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT_IDS;
        }
    };

    private CompletableFuture<Delivery> waiting;
    private Delivery last;
    private boolean closed;

    Subscription(EventFilter filter, Cursor cursor, int capacity) {
        this.filter = filter;
        this.cursor = cursor;
        this.capacity = capacity;
    }

    /**
     * Moves the cursor past {@code event} and queues it if the client wants it and has not seen
     * it. Returns false when the queue is full (the caller decides: wait or give up on it).
     */
    boolean offer(StreamEvent event) {
        if (!cursor.isNew(event.partition(), event.offset())) {
            return true;
        }
        boolean wanted = event.isEvent()
                && filter.matches(event)
                && (recentIds == null || recentIds.put(event.id(), Boolean.TRUE) == null);
        if (wanted && !push(new Delivery(event, advance(event), null))) {
            return false;
        }
        if (!wanted) {
            advance(event);
        }
        return true;
    }

    private String advance(StreamEvent event) {
        cursor.advanceTo(event.partition(), event.offset() + 1);
        return cursor.toString();
    }

    /** Stops remembering ids: from now on the hub de-duplicates. */
    void live() {
        recentIds = null;
    }

    /** Whether the queue has room for one more event. */
    synchronized boolean hasRoom() {
        return closed || queue.size() < capacity;
    }

    /** Ends the stream after what is queued, with {@code error} first when given. */
    void end(Problem error) {
        Delivery first = error == null ? Delivery.END : new Delivery(null, null, error);
        CompletableFuture<Delivery> ready;
        synchronized (this) {
            if (last != null) {
                return;
            }
            if (waiting == null) {
                last = first;
                return;
            }
            ready = waiting;
            waiting = null;
            last = Delivery.END;
        }
        ready.complete(first);
    }

    private boolean push(Delivery delivery) {
        CompletableFuture<Delivery> ready;
        synchronized (this) {
            if (closed || last != null) {
                return true;
            }
            if (waiting == null) {
                if (queue.size() >= capacity) {
                    return false;
                }
                queue.add(delivery);
                return true;
            }
            ready = waiting;
            waiting = null;
        }
        ready.complete(delivery);
        return true;
    }

    /** The next thing to send, when there is one. Called by the client's writer, one at a time. */
    synchronized CompletionStage<Delivery> next() {
        Delivery queued = queue.poll();
        if (queued != null) {
            return CompletableFuture.completedFuture(queued);
        }
        if (last != null) {
            Delivery end = last;
            last = Delivery.END;
            return CompletableFuture.completedFuture(end);
        }
        waiting = new CompletableFuture<>();
        return waiting;
    }

    /** Sends a keep-alive if the client is waiting for something to happen; otherwise nothing. */
    void keepAlive() {
        CompletableFuture<Delivery> ready;
        synchronized (this) {
            if (waiting == null || closed) {
                return;
            }
            ready = waiting;
            waiting = null;
        }
        ready.complete(Delivery.KEEP_ALIVE);
    }

    /** The client went away. */
    synchronized void close() {
        closed = true;
        queue.clear();
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
