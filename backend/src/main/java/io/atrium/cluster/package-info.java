/**
 * The cluster at a glance, for the portal's overview: capacity and allocation now and over the
 * last hour, agents and tasks by state. The numbers come from {@link io.atrium.master.Master};
 * this package only shapes and scopes them.
 */
package io.atrium.cluster;
