/**
 * Offers: resources on one agent for one framework and role, outstanding until accepted,
 * declined, rescinded (agent lost or drained) or expired. The master keeps them; the allocator
 * decides them.
 */
package io.atrium.offers;
