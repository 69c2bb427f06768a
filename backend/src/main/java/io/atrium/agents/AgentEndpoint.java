package io.atrium.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.master.AgentLink;
import io.atrium.master.MasterService;
import io.atrium.protocol.agent.AgentCall;
import io.atrium.protocol.agent.AgentEvent;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The agent protocol endpoint ({@code /api/v1/agent}): JSON {@link AgentCall}s in, {@link
 * AgentEvent}s out, defined in event-schemas. Decodes and hands each call to the master; a
 * message it cannot read ends the session with an ERROR that says why.
 */
@WebSocket(path = "/api/v1/agent", endpointId = AgentEndpoint.ID)
public class AgentEndpoint {

    static final String ID = "agent";

    private static final Logger LOG = Logger.getLogger(AgentEndpoint.class);

    private final Map<String, Link> links = new ConcurrentHashMap<>();

    @Inject
    MasterService master;

    @Inject
    ObjectMapper json;

    @OnTextMessage
    Uni<Void> message(WebSocketConnection connection, String text) {
        Link link = links.computeIfAbsent(connection.id(), id -> new Link(connection, json));
        AgentCall call;
        try {
            call = json.readValue(text, AgentCall.class);
            if (call.getType() == null) {
                throw new com.fasterxml.jackson.databind.exc.InvalidFormatException(
                        null, "field 'type' is required", text, AgentCall.class);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.warnf("closing agent connection %s: unreadable message (%s)", connection.id(), e.getMessage());
            link.send(new AgentEvent()
                    .withType(AgentEvent.Type.ERROR)
                    .withError(new io.atrium.protocol.agent.SessionError()
                            .withMessage("unreadable message: " + e.getOriginalMessage())));
            return connection.close();
        }
        master.get().agentCall(link, call);
        return Uni.createFrom().voidItem();
    }

    @OnClose
    void closed(WebSocketConnection connection) {
        Link link = links.remove(connection.id());
        if (link != null) {
            master.get().agentClosed(link);
        }
    }

    /** Sends from any thread; the connection orders the frames. */
    private record Link(WebSocketConnection connection, ObjectMapper json) implements AgentLink {
        @Override
        public void send(AgentEvent event) {
            try {
                connection
                        .sendText(json.writeValueAsString(event))
                        .subscribe()
                        .with(
                                ok -> {},
                                error -> LOG.debugf(
                                        "send to agent connection %s failed: %s", connection.id(), error.getMessage()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot encode " + event.getType(), e);
            }
        }

        @Override
        public void close(String reason) {
            connection.close().subscribe().with(ok -> {}, error -> {});
        }
    }
}
