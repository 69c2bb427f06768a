/**
 * Who is offered what: plain Java, no I/O, time from an injected clock (Mesos' hierarchical
 * allocator).
 *
 * <pre>
 *  addAgent / recoverResources / updateQuota ...        allocate()
 *        |                                                  |
 *        v                                                  v
 *  AgentSlot, FrameworkSlot, Sorter totals  --->  guarantee stage --> fair stage --> callback(List&lt;Allocation&gt;)
 *                                                  (QuotaBook trims every offer to headroom and limits)
 * </pre>
 *
 * Vocabulary: a <em>role</em> is a tenant or a team below it ({@code acme/ml}); an
 * <em>allocation</em> is what an offer carries; <em>consumption</em> is allocations plus unallocated
 * reservations; <em>headroom</em> is what unmet guarantees need from the unreserved pool.
 */
package io.atrium.allocator;
