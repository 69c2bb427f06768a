package io.atrium.api;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Per-caller rate limits on the REST API: a token bucket per authenticated caller (the token's
 * subject, so one user's scripts and browser tabs share it; each Atrium API token has its own),
 * refilled at
 * {@link RateLimitConfig#requestsPerSecond()} up to {@link RateLimitConfig#burst()}. A caller
 * over the limit gets 429 with {@code Retry-After}; anonymous requests are left to the
 * authentication checks (401).
 */
public class RateLimits {

    /** One caller's bucket; tokens in thousandths so that fractional rates refill smoothly. */
    private static final class Bucket {
        private long milliTokens;
        private long refilledAt;

        Bucket(long milliTokens, long now) {
            this.milliTokens = milliTokens;
            this.refilledAt = now;
        }

        /** Takes one token; returns 0 when taken, else the millis until one is there. */
        synchronized long take(long now, RateLimitConfig config) {
            long capacity = config.burst() * 1000L;
            long refill = (long) ((now - refilledAt) * config.requestsPerSecond());
            milliTokens = Math.min(capacity, milliTokens + refill);
            refilledAt = now;
            if (milliTokens >= 1000) {
                milliTokens -= 1000;
                return 0;
            }
            return (long) Math.ceil((1000 - milliTokens) / config.requestsPerSecond());
        }
    }

    private static final Map<String, Bucket> BUCKETS = new ConcurrentHashMap<>();

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    RateLimitConfig config;

    @ServerRequestFilter
    public Uni<Response> limit(UriInfo uri) {
        return identities.getDeferredIdentity().map(identity -> {
            if (identity.isAnonymous()) {
                return null;
            }
            long now = System.currentTimeMillis();
            long wait = BUCKETS.computeIfAbsent(caller(identity), k -> new Bucket(config.burst() * 1000L, now))
                    .take(now, config);
            if (wait == 0) {
                return null;
            }
            long seconds = Math.max(1, (wait + 999) / 1000);
            return Response.fromResponse(Problem.of(
                                    ErrorCode.RATE_LIMITED,
                                    "You made more than " + config.requestsPerSecond()
                                            + " requests a second; try again in " + seconds + " s",
                                    uri.getPath())
                            .toResponse())
                    .header("Retry-After", seconds)
                    .build();
        });
    }

    private static String caller(SecurityIdentity identity) {
        var apiToken = io.atrium.tenancy.ApiTokens.scope(identity);
        if (apiToken.isPresent()) {
            return apiToken.get().id(); // each Atrium API token has a bucket of its own
        }
        return identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null
                ? token.getSubject()
                : identity.getPrincipal().getName();
    }
}
