package io.atrium.tenancy;

import io.atrium.api.ErrorCode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Finds people in the Keycloak realm by user name or e-mail, so that tenant admins can add
 * members without Keycloak admin rights, and tells whether a person's account is still enabled
 * (API tokens stop with their owner's account): the master asks with its own service account,
 * which may only view users ({@code realm-management/view-users}).
 */
@ApplicationScoped
public class KeycloakUsers {

    private static final Logger LOG = Logger.getLogger(KeycloakUsers.class);

    /** How long one call to Keycloak may take before the caller gets 503. */
    private static final long TIMEOUT_MILLIS = 5_000;

    /** A person of the realm. */
    public record User(String subject, String username, String email) {}

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String issuer;

    @ConfigProperty(name = "quarkus.oidc.client-id")
    String clientId;

    @ConfigProperty(name = "quarkus.oidc.credentials.secret")
    String secret;

    @Inject
    Vertx vertx;

    private WebClient client;
    private String token;
    private Instant tokenExpires = Instant.MIN;

    /** The enabled user whose user name (or e-mail, when it has an {@code @}) is exactly {@code who}. */
    public Uni<Optional<User>> find(String who) {
        return token().chain(bearer -> client().getAbs(issuer.replaceFirst("/realms/", "/admin/realms/") + "/users")
                        .addQueryParam(who.contains("@") ? "email" : "username", who)
                        .addQueryParam("exact", "true")
                        .timeout(TIMEOUT_MILLIS)
                        .bearerTokenAuthentication(bearer)
                        .send())
                .map(response -> {
                    JsonArray users = answer(response, "look up " + who).toJsonArray();
                    for (int i = 0; i < users.size(); i++) {
                        JsonObject user = users.getJsonObject(i);
                        if (user.getBoolean("enabled", false)) {
                            return Optional.of(new User(
                                    user.getString("id"), user.getString("username"), user.getString("email")));
                        }
                    }
                    return Optional.<User>empty();
                })
                .onFailure(failure -> !(failure instanceof io.atrium.api.AtriumException))
                .transform(failure -> {
                    LOG.warnf("could not ask Keycloak for user %s: %s", who, failure.getMessage());
                    return ErrorCode.UNAVAILABLE.exception(
                            "The user directory (Keycloak) did not answer just now; try again shortly");
                });
    }

    /**
     * Whether the person with this Keycloak subject may still act: they exist and are enabled.
     * Answers from a cache for {@link #STATUS_TTL}; when Keycloak does not answer, the last
     * answer stands, and without one the answer is no (fail closed).
     */
    public Uni<Boolean> enabled(String subject) {
        Status known = statuses.get(subject);
        if (known != null && known.checked().plus(STATUS_TTL).isAfter(Instant.now())) {
            return Uni.createFrom().item(known.enabled());
        }
        return token().chain(bearer -> client().getAbs(
                                issuer.replaceFirst("/realms/", "/admin/realms/") + "/users/" + subject)
                        .timeout(TIMEOUT_MILLIS)
                        .bearerTokenAuthentication(bearer)
                        .send())
                .map(response -> {
                    if (response.statusCode() == 404) {
                        return false;
                    }
                    return answer(response, "check user " + subject)
                            .toJsonObject()
                            .getBoolean("enabled", false);
                })
                .invoke(enabled -> statuses.put(subject, new Status(enabled, Instant.now())))
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("could not ask Keycloak whether user %s is enabled: %s", subject, failure.getMessage());
                    return known != null && known.enabled();
                });
    }

    /** Whether a person was enabled, and when Keycloak said so. */
    private record Status(boolean enabled, Instant checked) {}

    /** How long an answer about a person's account is trusted. */
    private static final java.time.Duration STATUS_TTL = java.time.Duration.ofMinutes(5);

    private final java.util.Map<String, Status> statuses = new java.util.concurrent.ConcurrentHashMap<>();

    private synchronized WebClient client() {
        if (client == null) {
            client = WebClient.create(vertx);
        }
        return client;
    }

    /** The service account's access token, fetched again shortly before it expires. */
    private Uni<String> token() {
        synchronized (this) {
            if (token != null && Instant.now().isBefore(tokenExpires)) {
                return Uni.createFrom().item(token);
            }
        }
        return client().postAbs(issuer + "/protocol/openid-connect/token")
                .timeout(TIMEOUT_MILLIS)
                .sendForm(MultiMap.caseInsensitiveMultiMap()
                        .add("grant_type", "client_credentials")
                        .add("client_id", clientId)
                        .add("client_secret", secret))
                .map(response -> {
                    JsonObject body =
                            answer(response, "sign in with its service account").toJsonObject();
                    synchronized (this) {
                        token = body.getString("access_token");
                        tokenExpires = Instant.now().plusSeconds(Math.max(0, body.getLong("expires_in", 60L) - 30));
                        return token;
                    }
                });
    }

    private static Buffer answer(HttpResponse<Buffer> response, String what) {
        if (response.statusCode() != 200) {
            LOG.warnf("Keycloak refused to %s: HTTP %d", what, response.statusCode());
            throw ErrorCode.UNAVAILABLE.exception(
                    "The user directory (Keycloak) could not " + what + " just now; try again shortly");
        }
        return response.body();
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
