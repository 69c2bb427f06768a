package io.atrium.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * State change → SSE client latency on a running standalone Atrium ({@code ./atrium up}):
 * {@code clients} SSE clients (half bob on acme's stream, half the admin firehose) follow task
 * events while a job of {@code tasks} instances of {@code true} runs; each event's latency is
 * the moment a client read it minus the event's {@code time} (when the agent or the master saw
 * the change). Beside it, in the same run, the floor: a raw Kafka produce → consume round trip
 * on the same broker with the relay's producer settings. Then submit → TASK_RUNNING through
 * the whole master, one job at a time.
 *
 * <p>{@code java -cp bench/target/atrium-bench.jar io.atrium.bench.EventStreamLatencyBench
 * [clients] [tasks] [submits]}; the stack's ports and state dir come from the same environment
 * variables as {@code ./atrium}.
 */
public final class EventStreamLatencyBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final double TARGET_P99_MS = 50;
    private static final int STEADY_RATE = 10;
    private static final int WARMUP = 50;

    private final String master;
    private final String keycloak;
    private final String kafka;
    private final Path state;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private EventStreamLatencyBench(Map<String, String> env) {
        master = "http://localhost:" + env.getOrDefault("ATRIUM_HTTP_PORT", "8080");
        keycloak = "http://localhost:" + env.getOrDefault("ATRIUM_KEYCLOAK_PORT", "8180");
        kafka = "127.0.0.1:" + env.getOrDefault("ATRIUM_KAFKA_PORT", "9092");
        state = Path.of(env.getOrDefault("ATRIUM_STATE_DIR", ".atrium"));
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int submits = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        new EventStreamLatencyBench(System.getenv()).run(clients, tasks, submits);
    }

    /** What one phase measured: SSE latencies, and where the time went per a plain consumer. */
    private record Phase(String name, List<Double> stream, List<Double> toRelay, List<Double> toConsumer) {}

    private void run(int clients, int tasks, int submits) throws Exception {
        System.out.printf("Kafka round trip (1,000 records one at a time) ...%n");
        List<Double> kafkaTrip = kafkaRoundTrip(1_000);

        List<Follower> followers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            followers.add(
                    i % 2 == 0
                            ? Follower.open(this, "bob", "/api/tenants/acme/events?types=task.*")
                            : Follower.open(this, "admin", "/api/admin/events?types=task.*"));
        }
        System.out.printf("warming up the master: %d one-task jobs, %d a second ...%n", WARMUP, STEADY_RATE);
        phase("warm-up", followers, WARMUP, () -> steady(WARMUP));
        System.out.printf("%d SSE clients; steady: %d one-task jobs, %d a second ...%n", clients, tasks, STEADY_RATE);
        Phase steady = phase("steady, " + STEADY_RATE + " tasks/s", followers, tasks, () -> steady(tasks));
        System.out.printf("burst: one job of %d tasks at once ...%n", tasks);
        Phase burst = phase(
                "burst, " + tasks + " tasks at once", followers, tasks, () -> List.of(submit("bench-burst", tasks)));
        followers.forEach(Follower::close);

        System.out.printf("submit -> TASK_RUNNING, %d jobs one after another ...%n", submits);
        Follower watcher = Follower.open(this, "bob", "/api/tenants/acme/events?types=task.*");
        List<Double> toRunning = new ArrayList<>();
        List<Double> toRunningSeen = new ArrayList<>();
        for (int i = 0; i < submits; i++) {
            long submitted = System.currentTimeMillis();
            String single = submit("bench-submit", 1);
            JsonNode running = watcher.await(single, "TASK_RUNNING", Duration.ofMinutes(1));
            toRunning.add((double) (Instant.parse(running.path("time").asText()).toEpochMilli() - submitted));
            toRunningSeen.add((double) (running.path("receivedAt").asLong() - submitted));
        }
        watcher.close();

        System.out.printf("log follow: a task printing the time every 50 ms ...%n");
        List<Double> logLines = logFollow(200);

        print(clients, List.of(steady, burst), kafkaTrip, toRunning, toRunningSeen);
        System.out.println();
        System.out.println("| log line written -> SSE follower | lines | p50 ms | p99 ms | target |");
        System.out.println("|---|---:|---:|---:|---|");
        System.out.printf(
                "| through the master and the agent | %d | %.0f | %.0f | within 100 ms: %s |%n",
                logLines.size(),
                percentile(logLines, 50),
                percentile(logLines, 99),
                percentile(logLines, 99) <= 100 ? "met" : "missed");
    }

    /**
     * Follows the stdout of a task that prints the time (epoch millis) every 50 ms, {@code lines}
     * times; each line's latency is when the follower read it minus the time it carries.
     */
    private List<Double> logFollow(int lines) throws Exception {
        String body = JSON.writeValueAsString(Map.of(
                "name",
                "bench-log",
                "command",
                "for i in $(seq 1 " + lines + "); do date +%s%3N; sleep 0.05; done",
                "instances",
                1,
                "resources",
                Map.of("cpus", 0.1, "mem", 16)));
        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(URI.create(master + "/api/tenants/acme/jobs"))
                        .header("Authorization", "Bearer " + token("bob"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String job = JSON.readTree(created.body()).path("id").asText();
        String task = "";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (task.isEmpty() && System.nanoTime() < deadline) {
            HttpResponse<String> view = HTTP.send(
                    HttpRequest.newBuilder(URI.create(master + "/api/tenants/acme/jobs/" + job))
                            .header("Authorization", "Bearer " + token("bob"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            task = JSON.readTree(view.body()).path("tasks").path(0).path("id").asText();
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        HttpResponse<InputStream> follow = HTTP.send(
                HttpRequest.newBuilder(URI.create(master + "/api/tenants/acme/tasks/" + task + "/logs?stream=stdout"))
                        .header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + token("bob"))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long following = System.currentTimeMillis(); // lines written before were read back, not followed
        List<Double> latencies = new ArrayList<>();
        try (BufferedReader stream = new BufferedReader(new InputStreamReader(follow.body(), StandardCharsets.UTF_8))) {
            for (String line = stream.readLine(); line != null; line = stream.readLine()) {
                if (line.startsWith("data:")) {
                    long now = System.currentTimeMillis();
                    long written = Long.parseLong(line.substring(5).strip());
                    if (written >= following) {
                        latencies.add((double) (now - written));
                    }
                }
            }
        }
        return latencies;
    }

    /** Submits {@code tasks} one-task jobs at {@link #STEADY_RATE} a second. */
    private List<String> steady(int tasks) throws Exception {
        List<String> jobs = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < tasks; i++) {
            long due = start + i * 1_000_000_000L / STEADY_RATE;
            java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
            jobs.add(submit("bench-steady", 1));
        }
        return jobs;
    }

    /** Jobs submitted by a phase. */
    private interface Submissions {
        List<String> submit() throws Exception;
    }

    /** Runs one load: the jobs {@code submissions} makes, {@code tasks} tasks in all. */
    private Phase phase(String name, List<Follower> followers, int tasks, Submissions submissions) throws Exception {
        TaskTopicReader raw = new TaskTopicReader(kafka);
        Thread reader = Thread.ofPlatform().start(raw);
        raw.awaitReady();
        Set<String> jobs = Set.copyOf(submissions.submit());
        for (Follower follower : followers) {
            if (!follower.finished(jobs, tasks, Duration.ofMinutes(10))) {
                throw new IllegalStateException("a client did not see all " + tasks + " tasks finish");
            }
        }
        raw.stop();
        reader.join();
        List<Double> stream = new ArrayList<>();
        for (Follower follower : followers) {
            stream.addAll(follower.latencies(jobs));
        }
        return new Phase(name, stream, raw.toRelay(jobs), raw.toConsumer(jobs));
    }

    // ---- the floor: Kafka alone ----

    private List<Double> kafkaRoundTrip(int records) throws Exception {
        String topic = "atrium.bench.round-trip";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
                        .all()
                        .get();
            }
        }
        List<Double> trips = new ArrayList<>();
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka,
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                true,
                                ProducerConfig.LINGER_MS_CONFIG,
                                1),
                        new ByteArraySerializer(),
                        new ByteArraySerializer());
                KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            byte[] payload = new byte[700]; // about one task event
            for (int i = 0; i < records + 100; i++) {
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, payload));
                while (consumer.poll(Duration.ofMillis(100)).isEmpty()) {
                    // until it is back
                }
                if (i >= 100) {
                    trips.add((System.nanoTime() - start) / 1e6);
                }
            }
        }
        return trips;
    }

    /** A plain consumer of atrium.tasks: when the relay produced each event, and when it could be read. */
    private static final class TaskTopicReader implements Runnable {
        private final String kafka;
        private final List<long[]> seen = Collections.synchronizedList(new ArrayList<>());
        private final List<String> jobs = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean running = true;
        private final CountDownLatch ready = new CountDownLatch(1);

        TaskTopicReader(String kafka) {
            this.kafka = kafka;
        }

        @Override
        public void run() {
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
                List<TopicPartition> partitions = consumer.partitionsFor("atrium.tasks").stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                ready.countDown();
                while (running) {
                    for (var record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.currentTimeMillis();
                        JsonNode event = JSON.readTree(record.value());
                        long happened =
                                Instant.parse(event.path("time").asText()).toEpochMilli();
                        seen.add(new long[] {happened, record.timestamp(), now});
                        jobs.add(event.path("data").path("labels").path("job").asText());
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void awaitReady() throws InterruptedException {
            ready.await(1, TimeUnit.MINUTES);
        }

        void stop() {
            running = false;
        }

        List<Double> toRelay(Set<String> of) {
            return of(of, 1);
        }

        List<Double> toConsumer(Set<String> of) {
            return of(of, 2);
        }

        private List<Double> of(Set<String> of, int column) {
            List<Double> latencies = new ArrayList<>();
            for (int i = 0; i < seen.size(); i++) {
                if (of.contains(jobs.get(i))) {
                    latencies.add((double) (seen.get(i)[column] - seen.get(i)[0]));
                }
            }
            return latencies;
        }
    }

    /** A plain consumer, as the master's hub configures its own. */
    private static KafkaConsumer<byte[], byte[]> consumer(String kafka) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        100),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    // ---- Atrium ----

    private String submit(String name, int instances) throws Exception {
        String body = JSON.writeValueAsString(Map.of(
                "name", name, "command", "true", "instances", instances, "resources", Map.of("cpus", 0.1, "mem", 16)));
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(master + "/api/tenants/acme/jobs"))
                        .header("Authorization", "Bearer " + token("bob"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("submit answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("id").asText();
    }

    String token(String user) {
        return tokens.computeIfAbsent(user, this::login);
    }

    private String login(String user) {
        try {
            Properties credentials = new Properties();
            try (Reader in = Files.newBufferedReader(state.resolve("demo-credentials.properties"))) {
                credentials.load(in);
            }
            String form = "grant_type=password&client_id=atrium-cli&username=" + user + "&password="
                    + URLEncoder.encode(credentials.getProperty("user." + user), StandardCharsets.UTF_8);
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(keycloak + "/realms/atrium/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("cannot log in as " + user + " (is ./atrium up running?): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One SSE client: reads its stream on a virtual thread and keeps each task event with when it arrived. */
    private static final class Follower {
        /** One event as it arrived: when, and its JSON, parsed only after the measurement. */
        private record Arrival(long receivedAt, String json) {}

        private static final String JOB = "\"job\":\"";

        private final InputStream body;
        private final ConcurrentLinkedQueue<Arrival> events = new ConcurrentLinkedQueue<>();
        private final Map<String, java.util.concurrent.atomic.AtomicInteger> finished = new ConcurrentHashMap<>();

        private Follower(InputStream body) {
            this.body = body;
        }

        static Follower open(EventStreamLatencyBench bench, String user, String path) throws Exception {
            HttpResponse<InputStream> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(bench.master + path))
                            .header("Accept", "text/event-stream")
                            .header("Authorization", "Bearer " + bench.token(user))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
            Follower follower = new Follower(response.body());
            Thread.ofVirtual().start(follower::read);
            return follower;
        }

        /** Reads as little as it can while measuring: the time, the line, and which job finished a task. */
        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data:")) {
                        events.add(new Arrival(System.currentTimeMillis(), line.substring(5)));
                        if (line.contains("\"state\":\"TASK_FINISHED\"")) {
                            finished.computeIfAbsent(jobOf(line), j -> new java.util.concurrent.atomic.AtomicInteger())
                                    .incrementAndGet();
                        }
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        private static String jobOf(String line) {
            int at = line.indexOf(JOB);
            return at < 0 ? "" : line.substring(at + JOB.length(), line.indexOf('"', at + JOB.length()));
        }

        boolean finished(Set<String> jobs, int tasks, Duration patience) {
            long deadline = System.nanoTime() + patience.toNanos();
            while (jobs.stream()
                            .mapToInt(job -> finished.getOrDefault(job, ZERO).get())
                            .sum()
                    < tasks) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            return true;
        }

        /** The first event of {@code job} in {@code state}, with its arrival time as receivedAt. */
        JsonNode await(String job, String state, Duration patience) throws IOException {
            long deadline = System.nanoTime() + patience.toNanos();
            while (System.nanoTime() < deadline) {
                for (Arrival arrival : events) {
                    if (arrival.json().contains(JOB + job + "\"")
                            && arrival.json().contains("\"state\":\"" + state + "\"")) {
                        return parsed(arrival);
                    }
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            throw new IllegalStateException("no " + state + " of job " + job + " within " + patience);
        }

        List<Double> latencies(Set<String> jobs) throws IOException {
            List<Double> latencies = new ArrayList<>();
            for (Arrival arrival : events) {
                if (jobs.contains(jobOf(arrival.json()))) {
                    JsonNode event = parsed(arrival);
                    long happened = Instant.parse(event.path("time").asText()).toEpochMilli();
                    latencies.add((double) (arrival.receivedAt() - happened));
                }
            }
            return latencies;
        }

        private static JsonNode parsed(Arrival arrival) throws IOException {
            return ((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(arrival.json()))
                    .put("receivedAt", arrival.receivedAt());
        }

        void close() {
            try {
                body.close();
            } catch (IOException e) {
                // gone
            }
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger ZERO =
            new java.util.concurrent.atomic.AtomicInteger();

    // ---- the table ----

    private static void print(
            int clients, List<Phase> phases, List<Double> kafka, List<Double> toRunning, List<Double> toRunningSeen) {
        double kafka50 = percentile(kafka, 50);
        double kafka99 = percentile(kafka, 99);
        System.out.println();
        System.out.println("| state change -> SSE client, " + clients + " clients | events | p50 ms | p99 ms"
                + " | of which to Kafka p50 / p99 | floor: Kafka produce -> consume p50 / p99 | x p99 | target |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---|");
        for (Phase phase : phases) {
            double p99 = percentile(phase.stream(), 99);
            System.out.printf(
                    "| %s | %d | %.0f | %.0f | %.0f / %.0f | %.2f / %.2f | %.0fx | p99 <= %.0f: %s |%n",
                    phase.name(),
                    phase.stream().size(),
                    percentile(phase.stream(), 50),
                    p99,
                    percentile(phase.toRelay(), 50),
                    percentile(phase.toRelay(), 99),
                    kafka50,
                    kafka99,
                    p99 / kafka99,
                    TARGET_P99_MS,
                    p99 <= TARGET_P99_MS ? "met" : "missed");
        }
        System.out.println();
        System.out.println("| submit -> TASK_RUNNING, one job at a time | jobs | p50 ms | p99 ms | target |");
        System.out.println("|---|---:|---:|---:|---|");
        System.out.printf(
                "| the agent saw it running | %d | %.0f | %.0f | p50 <= 25, p99 <= 100: %s |%n",
                toRunning.size(),
                percentile(toRunning, 50),
                percentile(toRunning, 99),
                percentile(toRunning, 50) <= 25 && percentile(toRunning, 99) <= 100 ? "met" : "missed");
        System.out.printf(
                "| an SSE client was told | %d | %.0f | %.0f | |%n",
                toRunningSeen.size(), percentile(toRunningSeen, 50), percentile(toRunningSeen, 99));
    }

    private static double percentile(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
