package io.atrium.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atrium.api.ErrorCode;
import io.atrium.api.Problem;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Cursors, filters and a client's queue: the parts of a stream that decide what a client gets. */
class StreamPiecesTest {

    private static final TopicPartition TASKS_0 = new TopicPartition(Topic.TASKS.topicName(), 0);
    private static final TopicPartition TASKS_1 = new TopicPartition(Topic.TASKS.topicName(), 1);
    private static final TopicPartition AGENTS_2 = new TopicPartition(Topic.AGENTS.topicName(), 2);

    @Test
    void aCursorReadsBackAsItWasWritten() {
        Cursor cursor = Cursor.empty();
        cursor.advanceTo(TASKS_0, 15);
        cursor.advanceTo(TASKS_1, 3);
        cursor.advanceTo(AGENTS_2, 7);

        Cursor read = Cursor.parse(cursor.toString());

        assertThat(read.toString()).isEqualTo("a2.7,t0.15,t1.3");
        assertThat(read.next(TASKS_0)).isEqualTo(15);
        assertThat(read.next(new TopicPartition(Topic.OFFERS.topicName(), 0))).isZero();
    }

    @Test
    void aCursorNeverMovesBack() {
        Cursor cursor = Cursor.parse("t0.15");
        cursor.advanceTo(TASKS_0, 4);

        assertThat(cursor.next(TASKS_0)).isEqualTo(15);
        assertThat(cursor.isNew(TASKS_0, 14)).isFalse();
        assertThat(cursor.isNew(TASKS_0, 15)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCursors")
    void aCursorThisMasterDidNotWriteIsRefused(String text) {
        assertThatThrownBy(() -> Cursor.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<String> badCursors() {
        return Stream.of("x0.1", "t0", "t.1", "t0.-1", "t0.one", "t0.1,,a1.2", "t" + "9".repeat(20) + ".1");
    }

    record Case(String name, String types, String subject, String job, boolean wanted) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> filters() {
        return Stream.of(
                new Case("no filter takes everything of the tenant", null, null, null, true),
                new Case("a type pattern takes its types", "task.*", null, null, true),
                new Case("a pattern for other types leaves it", "agent.*", null, null, false),
                new Case("an exact type takes it", "offer.created,task.state-changed", null, null, true),
                new Case("a leading star matches the verb", "*.state-changed", null, null, true),
                new Case("its subject takes it", null, "job-1.0.1", null, true),
                new Case("another subject leaves it", null, "job-2.0.1", null, false),
                new Case("its job takes it", null, null, "job-1", true),
                new Case("another job leaves it", "task.*", null, "job-2", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void aFilterTakesWhatItNames(Case c) {
        EventFilter filter = EventFilter.of("acme", c.types(), c.subject(), c.job());

        assertThat(filter.matches(taskEvent("acme", 0))).isEqualTo(c.wanted());
    }

    @Test
    void aTenantsFilterNeverTakesAnotherTenantsEvent() {
        assertThat(EventFilter.of("acme", null, null, null).matches(taskEvent("globex", 0)))
                .isFalse();
        assertThat(EventFilter.of(null, null, null, null).matches(taskEvent("globex", 0)))
                .as("the admin firehose")
                .isTrue();
    }

    @Test
    void aTypeThatIsNoPatternIsRefused() {
        assertThatThrownBy(() -> EventFilter.of("acme", "task.*,Robert'); drop", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("drop");
    }

    @Test
    void aClientThatFallsBehindGetsWhatWasQueuedThenTheErrorThenTheEnd() {
        Subscription subscription = new Subscription(EventFilter.of("acme", null, null, null), Cursor.empty(), 2);

        assertThat(subscription.offer(taskEvent("acme", 0))).isTrue();
        assertThat(subscription.offer(taskEvent("acme", 1))).isTrue();
        assertThat(subscription.offer(taskEvent("acme", 2)))
                .as("a third event overflows")
                .isFalse();
        subscription.end(Problem.of(ErrorCode.CLIENT_TOO_SLOW, "behind", null));

        List<Subscription.Delivery> sent = Stream.generate(
                        () -> subscription.next().toCompletableFuture().join())
                .limit(4)
                .toList();
        assertThat(sent.get(0).cursor()).isEqualTo("t0.1");
        assertThat(sent.get(1).cursor()).isEqualTo("t0.2");
        assertThat(sent.get(2).error().type().toString()).endsWith("/client-too-slow");
        assertThat(sent.get(3).isEnd()).isTrue();
    }

    @Test
    void aWaitingClientGetsTheNextEventAsItComesAndNothingItHasSeen() {
        Subscription subscription =
                new Subscription(EventFilter.of("acme", null, null, null), Cursor.parse("t0.1"), 10);
        var next = subscription.next().toCompletableFuture();

        subscription.offer(taskEvent("acme", 0)); // seen before it resumed
        assertThat(next).isNotDone();
        subscription.offer(taskEvent("globex", 1)); // not its tenant's
        assertThat(next).isNotDone();
        subscription.offer(taskEvent("acme", 2));

        assertThat(next).isCompleted();
        assertThat(next.join().event().offset()).isEqualTo(2);
        assertThat(next.join().cursor()).isEqualTo("t0.3");
    }

    private static StreamEvent taskEvent(String tenant, long offset) {
        return new StreamEvent(
                TASKS_0,
                offset,
                "id-" + tenant + "-" + offset,
                "task.state-changed",
                tenant,
                "job-1.0.1",
                "job-1",
                null,
                "{}",
                "{}");
    }

    @Test
    void aRecordThatIsNoEventIsSteppedOverInOrder() {
        Subscription subscription = new Subscription(EventFilter.of(null, null, null, null), Cursor.empty(), 10);
        StreamEvent tombstone = StreamEvent.of(new ConsumerRecord<>(Topic.TASKS.topicName(), 0, 0, "key", null));
        StreamEvent garbage =
                StreamEvent.of(new ConsumerRecord<>(Topic.TASKS.topicName(), 0, 1, "key", "not json".getBytes()));

        subscription.offer(tombstone);
        subscription.offer(garbage);
        subscription.offer(taskEvent("acme", 2));

        assertThat(tombstone.isEvent()).isFalse();
        assertThat(garbage.isEvent()).isFalse();
        Subscription.Delivery first = subscription.next().toCompletableFuture().join();
        assertThat(first.event().offset()).as("the first delivery is the event").isEqualTo(2);
        assertThat(first.cursor()).isEqualTo("t0.3");
    }

    @Test
    void aTenantDoesNotSeeWhereAPlatformAdminActedFrom() {
        String envelope = """
                {"specversion":"1.0","id":"e1","source":"/atrium/master","type":"io.atrium.quota.changed.v1",
                 "tenant":"acme","subject":"acme","data":{"role":"acme","guarantee":{},"limit":{},
                 "actor":{"subject":"s-1","username":"admin","address":"10.1.2.3"}}}""";
        StreamEvent event =
                StreamEvent.of(new ConsumerRecord<>(Topic.TENANCY.topicName(), 0, 0, "acme", envelope.getBytes()));

        assertThat(event.json(false)).contains("10.1.2.3");
        assertThat(event.json(true)).doesNotContain("10.1.2.3").contains("\"username\":\"admin\"");
    }

    @Test
    void offerRatesCountEachSecondByRoleAndShowATenantOnlyItsRoles() {
        OfferRates rates = new OfferRates();
        long second = 1_800_000_000L;
        rates.count("offer.created", "acme", second * 1000);
        rates.count("offer.created", "acme/ml", second * 1000 + 10);
        rates.count("offer.declined", "acme", second * 1000 + 999);
        rates.count("offer.created", "globex", second * 1000 + 500);
        rates.count("offer.created", "acme", (second + 1) * 1000); // the next second

        assertThat(rates.of(second, "acme").roles())
                .containsOnlyKeys("acme", "acme/ml")
                .containsEntry("acme", new OfferRates.Counts(1, 0, 1, 0, 0));
        assertThat(rates.of(second, null).roles()).containsOnlyKeys("acme", "acme/ml", "globex");
        assertThat(rates.of(second + 60, null).roles())
                .as("a minute later the slot was not reused")
                .isEmpty();
    }
}
