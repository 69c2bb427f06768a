/**
 * Frameworks: the {@link io.atrium.frameworks.Scheduler} callbacks the master calls and the
 * {@link io.atrium.frameworks.SchedulerDriver} calls a framework makes, in the shape of Mesos'
 * v1 scheduler API. Built-in frameworks use them in-process.
 */
package io.atrium.frameworks;
