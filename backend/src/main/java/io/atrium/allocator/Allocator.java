package io.atrium.allocator;

import io.atrium.agents.AgentId;
import io.atrium.allocator.sorter.Sorter;
import io.atrium.allocator.sorter.drf.DrfSorter;
import io.atrium.frameworks.FrameworkId;
import io.atrium.resources.Quantities;
import io.atrium.resources.Resources;
import io.atrium.resources.Roles;
import io.atrium.resources.Scalar;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Decides who is offered what (Mesos' hierarchical allocator). Agents and frameworks come and go
 * through paired verbs; {@link #allocate()} runs one cycle and hands the new allocations to the
 * callback. Single-threaded, no I/O, time from the injected clock.
 *
 * <p>A cycle walks every active agent twice. The <b>guarantee stage</b> offers only to roles below
 * a quota guarantee; the <b>fair stage</b> offers to every role. In each, roles are taken in
 * weighted-DRF order and, inside a role, frameworks in DRF order; the first framework that wants
 * offers and has not refused these resources gets everything on the agent it may use — capped by
 * quota limits and by the headroom other roles' guarantees need (see {@link QuotaBook}).
 */
public final class Allocator {

    /**
     * The least an offer must hold to be worth making (Mesos' default min_allocatable_resources);
     * smaller offers are still made to a role that needs them to reach its guarantee.
     */
    private static final long MIN_CPUS_MILLIS = 10;

    private static final long MIN_MEM_MILLIS = 32_000;

    private final Clock clock;
    private final Consumer<List<Allocation>> offers;
    private final Supplier<Sorter> sorters;
    private final Sorter roleSorter;
    private final Map<String, Sorter> frameworkSorters = new HashMap<>();
    private final Map<AgentId, AgentSlot> agents = new LinkedHashMap<>();
    /** By id text, as the framework sorters name them. */
    private final Map<String, FrameworkSlot> frameworks = new HashMap<>();

    private final Map<String, Quota> quotas = new TreeMap<>();
    private Set<String> taskLimited = Set.of();
    /** Reserved scalars not allocated to anyone, by the role they are reserved to. */
    private final Map<String, Quantities> idleReservations = new HashMap<>();
    /** Unreserved scalars not allocated to anyone, on active agents. */
    private Quantities idleUnreserved = Quantities.NONE;

    public Allocator(Clock clock, Consumer<List<Allocation>> offers) {
        this(clock, offers, DrfSorter::new);
    }

    public Allocator(Clock clock, Consumer<List<Allocation>> offers, Supplier<Sorter> sorters) {
        this.clock = clock;
        this.offers = offers;
        this.sorters = sorters;
        this.roleSorter = sorters.get();
    }

    // ---- agents ----

    /** Adds an agent with its total resources and what frameworks already use on it (re-registration). */
    public void addAgent(AgentId id, Resources total, List<Allocation> used) {
        if (agents.containsKey(id)) {
            throw new IllegalArgumentException("agent " + id + " is already known");
        }
        AgentSlot agent = new AgentSlot(id, total);
        agents.put(id, agent);
        roleSorter.addTotal(total.quantities());
        frameworkSorters.values().forEach(s -> s.addTotal(total.quantities()));
        idle(agent.available, +1);
        for (Allocation allocation : used) {
            track(agent, new Holder(allocation.framework(), allocation.role()), allocation.resources());
        }
    }

    /** Forgets an agent and everything allocated on it. */
    public void removeAgent(AgentId id) {
        AgentSlot agent = agent(id);
        for (Map.Entry<Holder, Resources> held : new ArrayList<>(agent.allocated.entrySet())) {
            untrack(agent, held.getKey(), held.getValue());
        }
        if (agent.active) {
            idle(agent.available, -1);
        }
        agents.remove(id);
        roleSorter.removeTotal(agent.total.quantities());
        frameworkSorters.values().forEach(s -> s.removeTotal(agent.total.quantities()));
    }

    /** A deactivated (draining) agent gets no new offers; what is allocated there stays. */
    public void deactivateAgent(AgentId id) {
        AgentSlot agent = agent(id);
        if (agent.active) {
            idle(agent.available, -1);
            agent.active = false;
        }
    }

    public void activateAgent(AgentId id) {
        AgentSlot agent = agent(id);
        if (!agent.active) {
            agent.active = true;
            idle(agent.available, +1);
        }
    }

    // ---- frameworks ----

    public void addFramework(FrameworkId id, Set<String> roles, boolean active) {
        if (frameworks.containsKey(id.value())) {
            throw new IllegalArgumentException("framework " + id + " is already known");
        }
        roles.forEach(Roles::requireValid);
        FrameworkSlot slot = new FrameworkSlot(id, roles, active);
        frameworks.put(id.value(), slot);
        for (String role : roles) {
            Sorter sorter = frameworkSorter(role);
            sorter.add(id.value());
        }
        for (AgentSlot agent : agents.values()) {
            agent.allocated.forEach((holder, resources) -> {
                if (holder.framework().equals(id) && roles.contains(holder.role())) {
                    frameworkSorter(holder.role()).allocated(id.value(), resources.quantities());
                }
            });
        }
    }

    /** Forgets a framework and takes back everything allocated to it. */
    public void removeFramework(FrameworkId id) {
        FrameworkSlot framework = framework(id);
        for (AgentSlot agent : agents.values()) {
            for (Map.Entry<Holder, Resources> held : new ArrayList<>(agent.allocated.entrySet())) {
                if (held.getKey().framework().equals(id)) {
                    untrack(agent, held.getKey(), held.getValue());
                }
            }
        }
        frameworks.remove(id.value());
        for (String role : framework.roles) {
            frameworkSorters.get(role).remove(id.value());
            forgetRoleIfUnused(role);
        }
    }

    /** Adds roles a framework takes offers for (Mesos UPDATE_FRAMEWORK, adding roles only). */
    public void addFrameworkRoles(FrameworkId id, Set<String> roles) {
        FrameworkSlot framework = framework(id);
        for (String role : roles) {
            if (framework.roles.add(Roles.requireValid(role))) {
                frameworkSorter(role).add(id.value());
            }
        }
    }

    public void activateFramework(FrameworkId id) {
        framework(id).active = true;
    }

    public void deactivateFramework(FrameworkId id) {
        framework(id).active = false;
    }

    /** Stops offers to the framework for {@code roles} (all its roles when empty). */
    public void suppressOffers(FrameworkId id, Set<String> roles) {
        FrameworkSlot framework = framework(id);
        framework.suppressed.addAll(roles.isEmpty() ? framework.roles : roles);
    }

    /** Resumes offers for {@code roles} (all when empty) and drops the framework's refusals for them. */
    public void reviveOffers(FrameworkId id, Set<String> roles) {
        FrameworkSlot framework = framework(id);
        framework.suppressed.removeAll(roles.isEmpty() ? framework.roles : roles);
        framework.forgetRefusals(roles);
    }

    // ---- resources ----

    /**
     * Takes back resources a framework declined, did not use, or that its finished tasks freed.
     * With a positive {@code refuse}, the framework is not offered the same resources on that
     * agent again for that long (Mesos {@code Filters.refuse_seconds}).
     */
    public void recoverResources(FrameworkId id, String role, AgentId agentId, Resources resources, Duration refuse) {
        AgentSlot agent = agents.get(agentId);
        if (agent == null) {
            return;
        }
        untrack(agent, new Holder(id, role), resources);
        FrameworkSlot framework = frameworks.get(id.value());
        if (framework != null && refuse.isPositive()) {
            framework.refuse(role, agentId, resources, clock.instant().plus(refuse));
        }
    }

    public void updateWeights(Map<String, Double> weights) {
        weights.forEach((role, weight) -> roleSorter.updateWeight(Roles.requireValid(role), weight));
    }

    /**
     * The roles running as many tasks as their quota's {@code maxTasks} allows: until the next
     * call, neither they nor the roles below them get offers. The master counts tasks.
     */
    public void taskLimitReached(Set<String> roles) {
        taskLimited = Set.copyOf(roles);
    }

    private boolean taskLimited(String role) {
        if (taskLimited.isEmpty()) {
            return false;
        }
        for (String r = role; r != null; r = Roles.parent(r)) {
            if (taskLimited.contains(r)) {
                return true;
            }
        }
        return false;
    }

    /** Sets a role's quota; {@link Quota#NONE} removes it. */
    public void updateQuota(String role, Quota quota) {
        Roles.requireValid(role);
        if (quota.isNone()) {
            quotas.remove(role);
        } else {
            quotas.put(role, quota);
        }
    }

    // ---- views, for the master and tests ----

    public Resources available(AgentId id) {
        return agent(id).available;
    }

    /** What {@code role} and the roles below it hold. */
    public Quantities allocation(String role) {
        return roleSorter.allocation(role);
    }

    // ---- the cycle ----

    /** Runs one allocation cycle over every active agent and reports what it allocated. */
    public List<Allocation> allocate() {
        Instant now = clock.instant();
        QuotaBook book = new QuotaBook(quotas, this::consumed, idleUnreserved);
        List<Allocation> made = new ArrayList<>();
        if (!book.isEmpty()) {
            stage(book, true, now, made);
        }
        stage(book, false, now, made);
        if (!made.isEmpty()) {
            offers.accept(List.copyOf(made));
        }
        return made;
    }

    private void stage(QuotaBook book, boolean guaranteeStage, Instant now, List<Allocation> made) {
        // One visitor for the whole stage: a lambda per agent would be 10,000 allocations a cycle.
        AgentVisit visit = new AgentVisit(book, guaranteeStage, now, made);
        for (AgentSlot agent : agents.values()) {
            if (guaranteeStage && !book.anyBelowGuarantee()) {
                return;
            }
            if (agent.active && !agent.available.isEmpty()) {
                visit.agent = agent;
                roleSorter.visit(visit);
            }
        }
    }

    private final TakerSearch takerSearch = new TakerSearch();

    /** Finds the fairest framework of a role that wants the offer; reused, as it runs once per agent. */
    private final class TakerSearch implements java.util.function.Predicate<String> {
        private String role;
        private AgentId agent;
        private Resources offer;
        private Instant now;
        private FrameworkId found;

        void start(String role, AgentId agent, Resources offer, Instant now) {
            this.role = role;
            this.agent = agent;
            this.offer = offer;
            this.now = now;
            this.found = null;
        }

        @Override
        public boolean test(String client) {
            FrameworkSlot framework = frameworks.get(client);
            if (framework.wantsOffers(role) && !framework.refuses(role, agent, offer, now)) {
                found = framework.id;
                return false;
            }
            return true;
        }
    }

    /** Offers the current agent to roles in fairness order until it is spent. */
    private final class AgentVisit implements java.util.function.Predicate<String> {
        private final QuotaBook book;
        private final boolean guaranteeStage;
        private final Instant now;
        private final List<Allocation> made;
        private AgentSlot agent;

        AgentVisit(QuotaBook book, boolean guaranteeStage, Instant now, List<Allocation> made) {
            this.book = book;
            this.guaranteeStage = guaranteeStage;
            this.now = now;
            this.made = made;
        }

        @Override
        public boolean test(String role) {
            return offerTo(role, agent, book, guaranteeStage, now, made);
        }
    }

    /** Offers what {@code role} may get on {@code agent}, if anyone takes it; returns whether to go on to the next role. */
    private boolean offerTo(
            String role, AgentSlot agent, QuotaBook book, boolean guaranteeStage, Instant now, List<Allocation> made) {
        if ((guaranteeStage && !book.belowGuarantee(role)) || taskLimited(role)) {
            return true;
        }
        Resources offer = book.trim(role, agent.available.allocatableTo(role), guaranteeStage);
        boolean worthIt = worthOffering(offer) || (guaranteeStage && book.helpsGuarantee(role, offer));
        if (!worthIt) {
            return true;
        }
        FrameworkId taker = taker(role, agent.id, offer, now);
        if (taker == null) {
            return true;
        }
        track(agent, new Holder(taker, role), offer);
        book.allocated(role, offer);
        made.add(new Allocation(taker, role, agent.id, offer));
        return !agent.available.isEmpty() && (guaranteeStage || worthOffering(agent.available));
    }

    private FrameworkId taker(String role, AgentId agent, Resources offer, Instant now) {
        Sorter sorter = frameworkSorters.get(role);
        if (sorter == null) {
            return null;
        }
        takerSearch.start(role, agent, offer, now);
        sorter.visit(takerSearch);
        return takerSearch.found;
    }

    private static boolean worthOffering(Resources resources) {
        Quantities amounts = resources.quantities();
        return amounts.millis("cpus") >= MIN_CPUS_MILLIS || amounts.millis("mem") >= MIN_MEM_MILLIS;
    }

    // ---- bookkeeping ----

    private void track(AgentSlot agent, Holder holder, Resources resources) {
        if (agent.active) {
            idle(resources, -1);
        }
        agent.allocate(holder, resources);
        Quantities amounts = resources.quantities();
        if (!roleSorter.contains(holder.role())) {
            roleSorter.add(holder.role());
        }
        roleSorter.allocated(holder.role(), amounts);
        FrameworkSlot framework = frameworks.get(holder.framework().value());
        if (framework != null && framework.roles.contains(holder.role())) {
            frameworkSorter(holder.role()).allocated(holder.framework().value(), amounts);
        }
    }

    private void untrack(AgentSlot agent, Holder holder, Resources resources) {
        Resources taken = agent.recover(holder, resources);
        if (taken.isEmpty()) {
            return;
        }
        if (agent.active) {
            idle(taken, +1);
        }
        Quantities amounts = taken.quantities();
        roleSorter.unallocated(holder.role(), amounts);
        FrameworkSlot framework = frameworks.get(holder.framework().value());
        if (framework != null && framework.roles.contains(holder.role())) {
            frameworkSorters.get(holder.role()).unallocated(holder.framework().value(), amounts);
        }
        forgetRoleIfUnused(holder.role());
    }

    /** Adds ({@code sign} +1) or removes (-1) resources from the idle pools quota headroom is measured in. */
    private void idle(Resources resources, int sign) {
        Quantities unreserved = resources.unreserved().quantities();
        idleUnreserved = sign > 0 ? idleUnreserved.plus(unreserved) : idleUnreserved.minusFloored(unreserved);
        for (Resources.Resource item : resources.list()) {
            if (item.isReserved() && item.value() instanceof Scalar amount) {
                Quantities reserved = Quantities.of(Map.of(item.name(), amount));
                idleReservations.merge(item.role(), reserved, (a, b) -> sign > 0 ? a.plus(b) : a.minusFloored(b));
            }
        }
    }

    /** What a quota role has consumed: allocated to it and below, plus idle reservations to it and below. */
    private Quantities consumed(String role) {
        Quantities consumed = roleSorter.allocation(role);
        for (Map.Entry<String, Quantities> reserved : idleReservations.entrySet()) {
            if (Roles.isAncestorOrSelf(role, reserved.getKey())) {
                consumed = consumed.plus(reserved.getValue());
            }
        }
        return consumed;
    }

    private Sorter frameworkSorter(String role) {
        Sorter sorter = frameworkSorters.get(role);
        if (sorter == null) {
            sorter = sorters.get();
            for (AgentSlot agent : agents.values()) {
                sorter.addTotal(agent.total.quantities());
            }
            frameworkSorters.put(role, sorter);
            if (!roleSorter.contains(role)) {
                roleSorter.add(role);
            }
        }
        return sorter;
    }

    private void forgetRoleIfUnused(String role) {
        Sorter sorter = frameworkSorters.get(role);
        boolean hasFrameworks = sorter != null && !sorter.sort().isEmpty();
        if (!hasFrameworks
                && roleSorter.contains(role)
                && roleSorter.allocation(role).isEmpty()) {
            roleSorter.remove(role);
            frameworkSorters.remove(role);
        }
    }

    private AgentSlot agent(AgentId id) {
        AgentSlot agent = agents.get(id);
        if (agent == null) {
            throw new IllegalArgumentException("agent " + id + " is not known");
        }
        return agent;
    }

    private FrameworkSlot framework(FrameworkId id) {
        FrameworkSlot framework = frameworks.get(id.value());
        if (framework == null) {
            throw new IllegalArgumentException("framework " + id + " is not known");
        }
        return framework;
    }
}
