package io.atrium.testing;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Put on every {@code @QuarkusTest}: all of them then share one set of real servers and one
 * Quarkus boot (same profile, same global test resource).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
public @interface WithRealInfrastructure {}
