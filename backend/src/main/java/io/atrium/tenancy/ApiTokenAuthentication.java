package io.atrium.tenancy;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Signs in callers that present an Atrium API token ({@code Authorization: Bearer atr_…}).
 * Runs before OIDC and leaves every other request to it. The identity's principal is a
 * {@link JsonWebToken} view of the token's owner, so the rest of the API treats it as that
 * person; {@link TenantAccess} then holds it to the token's tenant and role.
 */
public final class ApiTokenAuthentication {

    private ApiTokenAuthentication() {}

    /** The secret of an API token, to be checked. */
    public static final class Request extends BaseAuthenticationRequest {
        final String secret;

        Request(String secret) {
            this.secret = secret;
        }
    }

    @ApplicationScoped
    public static class Mechanism implements HttpAuthenticationMechanism {

        private static final String BEARER = "Bearer ";

        @Override
        public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
            String secret = secret(context);
            if (secret == null) {
                return Uni.createFrom().nullItem();
            }
            return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new Request(secret), context));
        }

        @Override
        public Uni<ChallengeData> getChallenge(RoutingContext context) {
            return secret(context) == null
                    ? Uni.createFrom().nullItem()
                    : Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
        }

        @Override
        public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
            return Set.of(Request.class);
        }

        @Override
        public int getPriority() {
            return DEFAULT_PRIORITY + 100;
        }

        private static String secret(RoutingContext context) {
            String authorization = context.request().getHeader("Authorization");
            if (authorization == null
                    || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    || !authorization.startsWith(ApiTokens.PREFIX, BEARER.length())) {
                return null;
            }
            return authorization.substring(BEARER.length()).strip();
        }
    }

    @ApplicationScoped
    public static class Provider implements IdentityProvider<Request> {

        @Inject
        ApiTokens tokens;

        @Inject
        KeycloakUsers users;

        @Override
        public Class<Request> getRequestType() {
            return Request.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(Request request, AuthenticationRequestContext context) {
            return tokens.authenticate(request.secret)
                    .map(holder -> holder.orElseThrow(
                            () -> new AuthenticationFailedException("unknown, revoked or expired API token")))
                    .call(valid -> users.enabled(valid.owner()).invoke(enabled -> {
                        if (!enabled) {
                            throw new AuthenticationFailedException("the owner of this API token is disabled or gone");
                        }
                    }))
                    .map(valid -> QuarkusSecurityIdentity.builder()
                            .setPrincipal(new Principal(valid, java.time.Instant.now()))
                            .addAttribute(ApiTokens.SCOPE, valid.scope())
                            .build());
        }
    }

    /** The token's owner as a JSON Web Token would name them: subject, user name, expiry. */
    record Principal(ApiTokens.Holder holder, java.time.Instant signedIn) implements JsonWebToken {

        /** How long a sign-in with an API token holds before it is checked again (streams). */
        static final java.time.Duration RECHECK = java.time.Duration.ofMinutes(5);

        @Override
        public String getName() {
            return holder.ownerName() == null ? holder.owner() : holder.ownerName();
        }

        @Override
        public Set<String> getClaimNames() {
            return claims().keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claim) {
            return (T) claims().get(claim);
        }

        /**
         * When what this sign-in allows must be checked again: the token's expiry, but no later
         * than {@link #RECHECK} from now, so that a stream opened with a token that is revoked,
         * or whose owner leaves, ends within that time (the client resumes with Last-Event-ID).
         */
        private long expiry() {
            return Math.min(
                    holder.expiresAt().getEpochSecond(), signedIn.plus(RECHECK).getEpochSecond());
        }

        private Map<String, Object> claims() {
            return Map.of(
                    "sub", holder.owner(),
                    "preferred_username", getName(),
                    "exp", expiry(),
                    "jti", holder.scope().id());
        }
    }
}
