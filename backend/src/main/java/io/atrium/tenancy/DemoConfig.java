package io.atrium.tenancy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Demo data for the standalone run and tests; never on in a real installation. */
@ConfigMapping(prefix = "atrium.demo")
public interface DemoConfig {

    /**
     * Load the demo tenants {@code acme} and {@code globex} and the memberships of the demo
     * realm's users at start. Idempotent: existing rows are left as they are.
     */
    @WithDefault("false")
    boolean seed();
}
