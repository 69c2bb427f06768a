package io.atrium.master;

import io.atrium.protocol.agent.AgentEvent;
import io.atrium.protocol.agent.FileList;
import io.atrium.protocol.agent.ListFiles;
import io.atrium.protocol.agent.LogData;
import io.atrium.protocol.agent.ReadFile;
import io.atrium.protocol.agent.ReadLog;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Reads of task sandboxes in flight to agents: each READ_LOG, READ_FILE or LIST_FILES gets a
 * request id, and the agent's LOG_DATA or FILE_LIST with that id completes it. A read the
 * agent never answers (it went away) times out. Thread-safe.
 */
final class LogReads {

    /** Beyond the agent's own wait, how long an answer may take. */
    private static final Duration SLACK = Duration.ofSeconds(10);

    private final Map<String, CompletableFuture<LogData>> pending = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<FileList>> listings = new ConcurrentHashMap<>();

    CompletableFuture<LogData> send(AgentLink link, ReadLog request) {
        long waitMillis = request.getWaitMillis() == null ? 0 : request.getWaitMillis();
        return ask(pending, waitMillis, id -> new AgentEvent()
                        .withType(AgentEvent.Type.READ_LOG)
                        .withReadLog(request.withRequestId(id)))
                .apply(link);
    }

    CompletableFuture<LogData> send(AgentLink link, ReadFile request) {
        return ask(pending, 0, id -> new AgentEvent()
                        .withType(AgentEvent.Type.READ_FILE)
                        .withReadFile(request.withRequestId(id)))
                .apply(link);
    }

    CompletableFuture<FileList> send(AgentLink link, ListFiles request) {
        return ask(listings, 0, id -> new AgentEvent()
                        .withType(AgentEvent.Type.LIST_FILES)
                        .withListFiles(request.withRequestId(id)))
                .apply(link);
    }

    private static <T> Function<AgentLink, CompletableFuture<T>> ask(
            Map<String, CompletableFuture<T>> waiting, long waitMillis, Function<String, AgentEvent> event) {
        return link -> {
            String id = UUID.randomUUID().toString();
            CompletableFuture<T> answer = new CompletableFuture<>();
            waiting.put(id, answer);
            answer.orTimeout(waitMillis + SLACK.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((data, error) -> waiting.remove(id));
            link.send(event.apply(id));
            return answer;
        };
    }

    void answered(LogData data) {
        CompletableFuture<LogData> answer = pending.remove(data.getRequestId());
        if (answer != null) {
            answer.complete(data);
        }
    }

    void answered(FileList list) {
        CompletableFuture<FileList> answer = listings.remove(list.getRequestId());
        if (answer != null) {
            answer.complete(list);
        }
    }
}
