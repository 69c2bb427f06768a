package io.atrium.testing;

import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A real SSE client of the master, as a user with their real token: it reads its stream on a
 * thread of its own and keeps every event; or, opened stalled, it never reads at all.
 */
public final class SseClient implements AutoCloseable {

    /** One server-sent event. */
    public record SseEvent(String id, String name, String data) {
        public JsonPath json() {
            return JsonPath.from(data);
        }
    }

    private final InputStream body;
    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger comments = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean ended;

    private SseClient(InputStream body) {
        this.body = body;
    }

    /** Opens {@code path} (under /api) as {@code user} and reads it. */
    public static SseClient open(String user, String path, String lastEventId) {
        return reading(connect(Tokens.accessToken(user), user, path, lastEventId));
    }

    /** Opens {@code path} (under /api) with a bearer token (an Atrium API token, say) and reads it. */
    public static SseClient withBearer(String bearer, String path) {
        return reading(connect(bearer, "a bearer token", path, null));
    }

    private static SseClient reading(InputStream body) {
        SseClient client = new SseClient(body);
        Thread.ofVirtual().name("sse-client").start(client::read);
        return client;
    }

    /** Opens {@code path} as {@code user} and never reads from it. */
    public static SseClient stalled(String user, String path) {
        return new SseClient(connect(Tokens.accessToken(user), user, path, null));
    }

    private static InputStream connect(String bearer, String user, String path, String lastEventId) {
        String base = ConfigProvider.getConfig().getValue("test.url", String.class);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api" + path))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + bearer);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<InputStream> response =
                    HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String problem = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                throw new AssertionError("GET " + path + " as " + user + ": " + response.statusCode() + " " + problem);
            }
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new SseEvent(id, name == null ? "message" : name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                }
            }
        } catch (IOException e) {
            // closed by the test or the server
        } finally {
            ended = true;
        }
    }

    public List<SseEvent> events() {
        return new ArrayList<>(events);
    }

    /** The events named {@code name} (e.g. task.state-changed). */
    public List<SseEvent> events(String name) {
        return events.stream().filter(event -> event.name().equals(name)).toList();
    }

    /** How many comments (keep-alives) the server sent. */
    public int comments() {
        return comments.get();
    }

    /** Whether the server ended the stream (or the client was closed). */
    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
