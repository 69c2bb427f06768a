package io.atrium.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.protocol.agent.AgentCall;
import io.atrium.protocol.agent.AgentEvent;
import io.atrium.protocol.agent.Register;
import io.atrium.protocol.agent.TaskStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A scripted agent speaking the real protocol over a real WebSocket, for what a well-behaved
 * agent never does (resending an update, reporting an illegal transition). It runs nothing:
 * the test sends the updates.
 */
public final class FakeAgent implements AutoCloseable, WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();

    private FakeAgent() {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("test.url", String.class).replace("http", "ws") + "/api/v1/agent";
        socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Authorization", "Bearer " + config.getValue("atrium.agent.token", String.class))
                .buildAsync(URI.create(url), this)
                .join();
    }

    /**
     * Connects and registers with {@code resources} under {@code hostname}, then heartbeats
     * twice a second like a healthy agent.
     */
    public static FakeAgent register(String hostname, String resources) {
        FakeAgent agent = new FakeAgent();
        agent.send(new AgentCall()
                .withType(AgentCall.Type.REGISTER)
                .withRegister(new Register().withHostname(hostname).withResources(resources)));
        agent.heartbeats.scheduleAtFixedRate(agent::heartbeat, 500, 500, TimeUnit.MILLISECONDS);
        return agent;
    }

    public void update(TaskStatus status) {
        send(new AgentCall().withType(AgentCall.Type.UPDATE).withUpdate(status));
    }

    public void heartbeat() {
        send(new AgentCall().withType(AgentCall.Type.HEARTBEAT));
    }

    /** Sends raw text, for protocol errors. */
    public synchronized void sendText(String text) {
        if (!socket.isOutputClosed()) {
            socket.sendText(text, true).join();
        }
    }

    public List<AgentEvent> events() {
        return events;
    }

    public List<AgentEvent> events(AgentEvent.Type type) {
        return events.stream().filter(e -> e.getType() == type).toList();
    }

    public boolean isClosed() {
        return socket.isInputClosed();
    }

    private void send(AgentCall call) {
        try {
            sendText(JSON.writeValueAsString(call));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                events.add(JSON.readValue(partial.toString(), AgentEvent.class));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        socket.abort();
    }
}
