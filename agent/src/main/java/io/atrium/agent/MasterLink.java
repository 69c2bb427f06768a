package io.atrium.agent;

import io.atrium.protocol.agent.AgentCall;
import io.atrium.protocol.agent.AgentEvent;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The agent's WebSocket to the master: connects with the agent token, reconnects with capped
 * exponential backoff and jitter, sends calls one after another (the JDK WebSocket allows one
 * outstanding send) and hands each event to the agent on its loop thread. It gives up on a
 * link that has been silent for too long, so a half-open TCP connection does not hide a lost
 * master.
 */
final class MasterLink implements WebSocket.Listener {

    private static final Logger LOG = Logger.getLogger(MasterLink.class.getName());

    /** What the agent does when the link changes; called on the loop thread. */
    interface Session {
        void connected();

        void event(AgentEvent event);

        void disconnected();
    }

    private final AgentConfig config;
    private final Backoff backoff;
    private final ScheduledExecutorService loop;
    private final Clock clock;
    private final Session session;
    private final HttpClient http;
    private final StringBuilder partial = new StringBuilder();

    private volatile WebSocket socket;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private volatile long lastHeard;
    private boolean stopped;

    MasterLink(AgentConfig config, Backoff backoff, ScheduledExecutorService loop, Clock clock, Session session) {
        this.config = config;
        this.backoff = backoff;
        this.loop = loop;
        this.clock = clock;
        this.session = session;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Starts connecting; returns at once. */
    void start() {
        loop.execute(this::connect);
    }

    void stop() {
        stopped = true;
        WebSocket current = socket;
        if (current != null) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "agent stopping");
        }
    }

    /** Sends a call if connected; false when there is no link (the caller resends later). */
    boolean send(AgentCall call) {
        WebSocket current = socket;
        if (current == null) {
            return false;
        }
        String text;
        try {
            text = Checkpoints.JSON.writeValueAsString(call);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + call.getType(), e);
        }
        sending = sending.handle((ignored, error) -> null)
                .thenCompose(ignored -> current.sendText(text, true))
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        LOG.fine(() -> "send failed: " + error.getMessage());
                    }
                });
        return true;
    }

    /** Drops a link that has been silent longer than {@code silence}; the agent reconnects. */
    void checkSilence(Duration silence) {
        WebSocket current = socket;
        if (current != null && clock.millis() - lastHeard > silence.toMillis()) {
            LOG.warning(() -> "no word from the master for " + silence.toSeconds() + " s: reconnecting");
            current.abort();
            lost(current);
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + config.token())
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(config.agentEndpoint(), this)
                .whenCompleteAsync(
                        (ws, error) -> {
                            if (error != null) {
                                Throwable cause = error.getCause() == null ? error : error.getCause();
                                String why = cause instanceof WebSocketHandshakeException handshake
                                        ? "HTTP " + handshake.getResponse().statusCode()
                                        : String.valueOf(cause.getMessage());
                                retry("master at " + config.masterUrl() + " not reachable yet: " + why);
                                return;
                            }
                            partial.setLength(0);
                            socket = ws;
                            lastHeard = clock.millis();
                            if (ws.isInputClosed()) {
                                lost(ws); // closed before this callback ran: its close went unnoticed
                                return;
                            }
                            session.connected();
                        },
                        loop);
    }

    private void retry(String why) {
        Duration wait = backoff.next();
        LOG.info(() -> why + "; retrying in " + wait.toMillis() + " ms");
        loop.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The master accepted the agent: the next outage starts its backoff from the beginning. */
    void registered() {
        backoff.reset();
    }

    private void lost(WebSocket which) {
        loop.execute(() -> {
            if (socket != which) {
                return;
            }
            socket = null;
            sending = CompletableFuture.completedFuture(null);
            session.disconnected();
            if (!stopped) {
                retry("link to the master lost");
            }
        });
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        lastHeard = clock.millis();
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                AgentEvent event = Checkpoints.JSON.readValue(text, AgentEvent.class);
                loop.execute(() -> session.event(event));
            } catch (IOException e) {
                LOG.warning(() -> "ignoring a message the agent cannot read: " + e.getMessage());
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        LOG.info(() -> "master closed the link (" + statusCode + (reason.isEmpty() ? "" : ": " + reason) + ")");
        lost(webSocket);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        LOG.info(() -> "link to the master failed: " + error.getMessage());
        lost(webSocket);
    }
}
