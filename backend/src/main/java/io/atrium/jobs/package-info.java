/**
 * The built-in batch jobs framework: tenants submit a command to run N times; the framework
 * takes offers for the tenants with work waiting and launches instances that fit and satisfy
 * their constraints, retrying failures with backoff.
 *
 * <pre>
 *   POST /api/tenants/{t}/jobs ─▶ JobService (job row written) ─▶ JobsFramework.add
 *   offers ─▶ JobsFramework.pack ─▶ driver.accept(launches) ─▶ updates ─▶ instance FINISHED | retry | FAILED
 * </pre>
 *
 * Vocabulary: a <b>job</b> has <b>instances</b>; each attempt of an instance is a <b>run</b>
 * (one task, id {@code job.instance.attempt}).
 */
package io.atrium.jobs;
