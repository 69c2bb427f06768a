package io.atrium.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.agents.AgentId;
import io.atrium.frameworks.FrameworkId;
import io.atrium.resources.Quantities;
import io.atrium.resources.Resources;
import io.atrium.testing.AllocatorHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllocatorTest {

    private final AllocatorHarness h = new AllocatorHarness();

    @Test
    void anAgentIsOfferedWholeToOneFramework() {
        AgentId agent = h.agent("a1", "cpus:4;mem:4096;ports:[31000-32000]");
        FrameworkId jobs = h.framework("jobs", "acme");

        List<Allocation> made = h.cycle();

        assertThat(made)
                .containsExactly(
                        new Allocation(jobs, "acme", agent, Resources.parse("cpus:4;mem:4096;ports:[31000-32000]")));
        assertThat(h.allocator.available(agent).isEmpty()).isTrue();
        assertThat(h.cycle()).as("nothing is offered twice").isEmpty();
    }

    @Test
    void theRoleFurthestBehindIsOfferedFirst() {
        h.agent("a1", "cpus:4;mem:4096");
        h.agent("a2", "cpus:4;mem:4096");
        h.agent("a3", "cpus:4;mem:4096");
        h.framework("f-acme", "acme");
        h.framework("f-globex", "globex");

        List<Allocation> made = h.cycle();

        // a1 -> acme (tie, by name); a2 -> globex (acme .33 > globex 0); a3 -> acme (tie again)
        assertThat(made).extracting(Allocation::role).containsExactly("acme", "globex", "acme");
    }

    @Test
    void aDeclinedOfferIsNotMadeAgainUntilTheFilterExpires() {
        h.agent("a1", "cpus:4;mem:4096");
        h.framework("jobs", "acme");
        Allocation offer = h.cycle().getFirst();

        h.decline(offer, Duration.ofSeconds(5));
        assertThat(h.cycle()).isEmpty();

        h.clock.advance(Duration.ofSeconds(5));
        assertThat(h.cycle()).containsExactly(offer);
    }

    @Test
    void aDeclineGoesToTheNextFrameworkInTheRole() {
        h.agent("a1", "cpus:4;mem:4096");
        h.framework("f1", "acme");
        h.framework("f2", "acme");
        Allocation first = h.cycle().getFirst();

        h.decline(first, Duration.ofSeconds(5));

        assertThat(first.framework()).hasToString("f1");
        assertThat(h.cycle()).extracting(Allocation::framework).containsExactly(new FrameworkId("f2"));
    }

    @Test
    void aDeclineForOneRoleLeavesTheAgentToTheFrameworksOtherRoles() {
        h.agent("a1", "cpus:4;mem:4096");
        FrameworkId jobs = h.framework("jobs", "acme", "globex");
        Allocation toAcme = h.cycle().getFirst();
        assertThat(toAcme.role()).isEqualTo("acme");

        // acme has nothing that fits; the filter is acme's alone, as Mesos' filters are per role.
        h.decline(toAcme, Duration.ofSeconds(5));

        assertThat(h.cycle()).containsExactly(new Allocation(jobs, "globex", toAcme.agent(), toAcme.resources()));
    }

    @Test
    void aRoleAtItsTaskLimitAndTheRolesBelowItAreOfferedNothing() {
        h.agent("a1", "cpus:4;mem:4096");
        h.framework("jobs", "acme/web", "globex");

        h.allocator.taskLimitReached(Set.of("acme"));

        assertThat(h.cycle()).extracting(Allocation::role).containsExactly("globex");
    }

    @Test
    void reviveDropsFiltersAndSuppressStopsOffers() {
        h.agent("a1", "cpus:4;mem:4096");
        FrameworkId jobs = h.framework("jobs", "acme");
        Allocation offer = h.cycle().getFirst();
        h.decline(offer, Duration.ofHours(1));

        h.allocator.reviveOffers(jobs, Set.of());
        assertThat(h.cycle()).containsExactly(offer);

        h.decline(offer, Duration.ZERO);
        h.allocator.suppressOffers(jobs, Set.of());
        assertThat(h.cycle()).isEmpty();
    }

    @Test
    void aDrainingAgentGetsNoNewOffers() {
        AgentId agent = h.agent("a1", "cpus:4;mem:4096");
        h.framework("jobs", "acme");
        h.allocator.deactivateAgent(agent);

        assertThat(h.cycle()).isEmpty();

        h.allocator.activateAgent(agent);
        assertThat(h.cycle()).hasSize(1);
    }

    @Test
    void reservedResourcesGoOnlyToTheirRoleAndTheRolesBelowIt() {
        h.agent("a1", "cpus(acme):2;mem(acme):1024");
        h.framework("f-globex", "globex");
        assertThat(h.cycle()).isEmpty();

        h.framework("f-ml", "acme/ml");
        assertThat(h.cycle())
                .extracting(Allocation::role, a -> a.resources().toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("acme/ml", "cpus(acme):2;mem(acme):1024"));
    }

    @Test
    void aQuotaLimitCapsWhatARoleIsOffered() {
        h.agent("a1", "cpus:8;mem:8192");
        h.agent("a2", "cpus:8;mem:8192");
        h.framework("jobs", "acme");
        h.allocator.updateQuota("acme", Quota.of("", "cpus:10"));

        h.cycle();

        assertThat(h.allocator.allocation("acme").get("cpus").text()).isEqualTo("10");
        assertThat(h.allocator.allocation("acme").get("mem").text()).isEqualTo("16384");
    }

    @Test
    void aLimitOnAParentRoleBindsItsChildren() {
        h.agent("a1", "cpus:8;mem:8192");
        h.framework("f-ml", "acme/ml");
        h.framework("f-web", "acme/web");
        h.allocator.updateQuota("acme", Quota.of("", "cpus:3"));

        h.cycle();

        assertThat(h.allocator.allocation("acme").get("cpus").text()).isEqualTo("3");
    }

    @Test
    void aGuaranteeIsHeldBackFromOtherRoles() {
        h.agent("a1", "cpus:4;mem:4096");
        h.agent("a2", "cpus:4;mem:4096");
        h.framework("f-globex", "globex");
        h.allocator.updateQuota("acme", Quota.of("cpus:6", ""));

        h.cycle();

        // acme has no framework yet, but 6 of the 8 cpus wait for it
        assertThat(h.allocator.allocation("globex").get("cpus").text()).isEqualTo("2");

        h.framework("f-acme", "acme");
        h.cycle();
        assertThat(h.allocator.allocation("acme").get("cpus").text()).isEqualTo("6");
    }

    @Test
    void aGuaranteedRoleIsServedBeforeAFairerOne() {
        h.agent("a1", "cpus:4;mem:4096");
        h.framework("f-acme", "acme");
        h.framework("f-globex", "globex");
        h.allocator.updateQuota("globex", Quota.of("cpus:4", ""));

        List<Allocation> made = h.cycle();

        // without the guarantee acme would win the tie by name
        assertThat(made).extracting(Allocation::role).containsExactly("globex");
    }

    @Test
    void removingAFrameworkFreesWhatItHeld() {
        AgentId agent = h.agent("a1", "cpus:4;mem:4096");
        FrameworkId jobs = h.framework("jobs", "acme");
        h.cycle();

        h.allocator.removeFramework(jobs);

        assertThat(h.allocator.available(agent)).isEqualTo(Resources.parse("cpus:4;mem:4096"));
        assertThat(h.allocator.allocation("acme")).isEqualTo(Quantities.NONE);
    }

    @Test
    void aReRegisteringAgentKeepsWhatItsTasksUse() {
        FrameworkId jobs = h.framework("jobs", "acme");
        AgentId agent = new AgentId("a1");
        h.allocator.addAgent(
                agent,
                Resources.parse("cpus:4;mem:4096"),
                List.of(new Allocation(jobs, "acme", agent, Resources.parse("cpus:1;mem:512"))));

        List<Allocation> made = h.cycle();

        assertThat(made.getFirst().resources()).isEqualTo(Resources.parse("cpus:3;mem:3584"));
    }

    @Test
    void weightsSkewTheSplit() {
        for (int i = 0; i < 8; i++) {
            h.agent("a" + i, "cpus:1;mem:1024");
        }
        h.framework("f-acme", "acme");
        h.framework("f-globex", "globex");
        h.allocator.updateWeights(Map.of("acme", 3.0));

        h.cycle();

        assertThat(h.allocator.allocation("acme").get("cpus").text()).isEqualTo("6");
        assertThat(h.allocator.allocation("globex").get("cpus").text()).isEqualTo("2");
    }
}
