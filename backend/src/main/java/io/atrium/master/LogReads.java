package io.atrium.master;

import io.atrium.protocol.agent.AgentEvent;
import io.atrium.protocol.agent.LogData;
import io.atrium.protocol.agent.ReadLog;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Log reads in flight to agents: each READ_LOG gets a request id, and the agent's LOG_DATA
 * with that id completes it. A read the agent never answers (it went away) times out.
 * Thread-safe.
 */
final class LogReads {

    /** Beyond the agent's own wait, how long an answer may take. */
    private static final Duration SLACK = Duration.ofSeconds(10);

    private final Map<String, CompletableFuture<LogData>> pending = new ConcurrentHashMap<>();

    CompletableFuture<LogData> send(AgentLink link, ReadLog request) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<LogData> answer = new CompletableFuture<>();
        pending.put(id, answer);
        long waitMillis = request.getWaitMillis() == null ? 0 : request.getWaitMillis();
        answer.orTimeout(waitMillis + SLACK.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((data, error) -> pending.remove(id));
        link.send(new AgentEvent().withType(AgentEvent.Type.READ_LOG).withReadLog(request.withRequestId(id)));
        return answer;
    }

    void answered(LogData data) {
        CompletableFuture<LogData> answer = pending.remove(data.getRequestId());
        if (answer != null) {
            answer.complete(data);
        }
    }
}
