package io.atrium.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many API requests each caller may make ({@code atrium.rate-limit.*}). */
@ConfigMapping(prefix = "atrium.rate-limit")
public interface RateLimitConfig {

    /** Requests a second a caller may keep up. */
    @WithDefault("50")
    double requestsPerSecond();

    /** Requests a caller may make at once after a quiet spell. */
    @WithDefault("100")
    int burst();
}
