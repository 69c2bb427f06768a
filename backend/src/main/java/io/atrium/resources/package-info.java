/**
 * Resource values and their exact arithmetic: {@link io.atrium.resources.Scalar} (fixed point,
 * three decimals), {@link io.atrium.resources.Ranges} (ports), {@link io.atrium.resources.ValueSet}
 * (devices), bags of them reserved or not ({@link io.atrium.resources.Resources}, in the Mesos text
 * form {@code cpus:4;cpus(acme):2;ports:[31000-32000]}) and scalar amounts
 * ({@link io.atrium.resources.Quantities}). Plain Java, immutable values.
 */
package io.atrium.resources;
