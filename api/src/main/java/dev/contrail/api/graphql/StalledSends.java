package dev.contrail.api.graphql;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;

/**
 * Closes the GraphQL WebSocket connections whose client has stopped reading (ADR 0040): a message handed to the
 * connection that its socket has not taken within the send timeout. Sends are asynchronous, so such a client holds no
 * thread; what it would hold for as long as its TCP connection lives is its place under
 * {@code contrail.api.websocket.max-connections}, its subscriptions, and the updates conflated for it.
 *
 * <p>The session's writer asks for the next message only once Tomcat has taken the previous one; a message given to
 * the writer and not followed by that demand is waiting. One thread of its own looks at every connection a few times per
 * timeout and closes the ones that have waited too long with {@link #NOT_READING}. The close frame cannot pass the
 * waiting message, and Tomcat gives a close other than 1000 only
 * {@code org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT} (50 ms) before it closes the socket, so
 * the watch is never held up for long, and neither a stream thread nor a request thread ever waits on a stalled client.
 */
final class StalledSends implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StalledSends.class);
    /** 1008 Policy Violation, as for a connection over the limit (ADR 0027). */
    static final int NOT_READING = 1008;
    private static final long NOTHING_WAITING = Long.MIN_VALUE;

    private final Duration timeout;
    private final CloseStatus status;
    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private final AtomicLong closed = new AtomicLong();
    private final ScheduledExecutorService watch;

    StalledSends(Duration timeout) {
        this.timeout = timeout;
        // At most 123 bytes of reason.
        this.status = new CloseStatus(NOT_READING, "Not reading: a message waited " + timeout.toSeconds() + " s to be sent");
        this.watch = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "graphql-websocket-send-watch");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(50, Math.min(1_000, timeout.toMillis() / 10));
        watch.scheduleWithFixedDelay(this::closeStalled, period, period, TimeUnit.MILLISECONDS);
    }

    /** Connections closed so far because their client had stopped reading. */
    long closed() {
        return closed.get();
    }

    /** Watches the session's sends until {@link Watch#release()}. */
    Watch watch(WebSocketSession session) {
        Watch sends = new Watch(session);
        watched.add(sends);
        return sends;
    }

    private void closeStalled() {
        long now = System.nanoTime();
        for (Watch sends : watched) {
            try {
                long since = sends.waitingSince;
                if (since != NOTHING_WAITING && now - since >= timeout.toNanos() && sends.closing.compareAndSet(false, true)) {
                    closed.incrementAndGet();
                    log.info("Closing GraphQL WebSocket connection {} from {}: its client has not taken a message for {} s",
                            sends.session.getId(), sends.session.getHandshakeInfo().getRemoteAddress(), timeout.toSeconds());
                    sends.session.close(status).subscribe(null,
                            failure -> log.debug("Closing stalled connection {}: {}", sends.session.getId(), failure.toString()));
                }
            } catch (RuntimeException failure) {
                log.warn("Could not close stalled GraphQL WebSocket connection {}", sends.session.getId(), failure);
            }
        }
    }

    @Override
    public void close() {
        watch.shutdownNow();
    }

    /** One connection's sends. */
    final class Watch {
        private final WebSocketSession session;
        private final AtomicBoolean closing = new AtomicBoolean();
        /** When the message that the writer holds was given to it; {@link #NOTHING_WAITING} once it has asked for more. */
        private volatile long waitingSince = NOTHING_WAITING;

        private Watch(WebSocketSession session) {
            this.session = session;
        }

        /** The session's outgoing messages, timed from their hand-over to the writer until it asks for the next one. */
        Publisher<WebSocketMessage> timed(Publisher<WebSocketMessage> messages) {
            return Flux.from(messages)
                    .doOnNext(message -> waitingSince = System.nanoTime())
                    .doOnRequest(demand -> waitingSince = NOTHING_WAITING);
        }

        void release() {
            watched.remove(this);
        }
    }
}
