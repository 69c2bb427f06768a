package io.atrium.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The agent's link to the master. In this first version it finds a ready master and says what
 * it would register; the offer-cycle issue replaces the probe with the WebSocket protocol.
 */
final class MasterLink {

    private static final Logger LOG = Logger.getLogger(MasterLink.class.getName());

    private final AgentConfig config;
    private final Backoff backoff;
    private final CountDownLatch stopped;
    private final HttpClient http;

    MasterLink(AgentConfig config, Backoff backoff, CountDownLatch stopped) {
        this.config = config;
        this.backoff = backoff;
        this.stopped = stopped;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** Probes the master until it is ready or the agent stops; true when the master was found. */
    boolean awaitMaster() throws InterruptedException {
        URI ready = config.masterUrl().resolve("/q/health/ready");
        while (stopped.getCount() > 0) {
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(ready)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    backoff.reset();
                    return true;
                }
                LOG.info(() ->
                        "master at " + config.masterUrl() + " is not ready yet (HTTP " + response.statusCode() + ")");
            } catch (IOException e) {
                LOG.info(() -> "master at " + config.masterUrl() + " not reachable yet: " + e.getMessage());
            }
            Duration wait = backoff.next();
            if (stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
        return false;
    }
}
