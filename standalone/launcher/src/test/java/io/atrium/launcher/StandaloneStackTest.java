package io.atrium.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.infra.Directories;
import io.atrium.infra.Ports;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The standalone run as a newcomer meets it: {@code ./atrium up} brings up real servers and the
 * portal, a browser logs in, Ctrl-C stops everything, a second {@code up} keeps the data and
 * {@code ./atrium down} stops it again. The steps share one stack, so they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneStackTest {

    private static final Path STATE = AtriumScript.WORK.resolve("stack-state");
    private static final Map<String, String> ENV = new HashMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<ProcessHandle> STARTED = new ArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Process up;
    /** The sleepers' task events as bob's stream delivered them before the restart. */
    private static List<EventStream.Received> sleeperEvents;

    private static String sleepersJob;
    private static Path upOutput;

    @BeforeAll
    static void freshStateAndPorts() throws IOException {
        Directories.deleteTree(STATE);
        ENV.put("ATRIUM_STATE_DIR", STATE.toString());
        for (String port : List.of(
                "ATRIUM_HTTP_PORT",
                "ATRIUM_KEYCLOAK_PORT",
                "ATRIUM_KEYCLOAK_MANAGEMENT_PORT",
                "ATRIUM_POSTGRES_PORT",
                "ATRIUM_KAFKA_PORT",
                "ATRIUM_KAFKA_CONTROLLER_PORT",
                "ATRIUM_SMTP_PORT")) {
            ENV.put(port, String.valueOf(Ports.free()));
        }
    }

    @AfterAll
    static void nothingIsLeftRunning() {
        if (up != null && up.isAlive()) {
            AtriumScript.run(ENV, "down");
        }
        STARTED.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    @Order(1)
    void upStartsRealServersTheMasterAndAnAgent() throws Exception {
        startUp("up-1.txt");

        // The master's readiness covers PostgreSQL, Kafka and Keycloak, each over its protocol.
        HttpResponse<String> ready = get("/q/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body())
                .contains("Database connections health check", "Kafka connection health check", "OIDC Provider")
                .doesNotContain("\"DOWN\"");

        try (Connection db = postgres();
                Statement sql = db.createStatement();
                ResultSet version = sql.executeQuery("select version()")) {
            assertThat(version.next()).isTrue();
            assertThat(version.getString(1)).startsWith("PostgreSQL 18");
        }
        try (Admin kafka = Admin.create(Map.of("bootstrap.servers", kafkaServers()))) {
            assertThat(kafka.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .hasSize(1);
        }
        assertThat(Files.readString(STATE.resolve("logs/agent.log"))).contains("registered with the master as ");

        String output = Files.readString(upOutput);
        assertThat(output)
                .contains("Portal     http://localhost:" + ENV.get("ATRIUM_HTTP_PORT"))
                .contains("bob    " + password("bob") + " ")
                .contains("Logs       " + STATE.resolve("logs"))
                .contains("Stop       Ctrl-C, or ./atrium down");
    }

    @Test
    @Order(2)
    void bobLogsInWithTheDemoPasswordAndBelongsToAcme() throws Exception {
        HttpResponse<String> me = HTTP.send(
                HttpRequest.newBuilder(url("/api/me"))
                        .header("Authorization", "Bearer " + accessToken("bob"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body())
                .contains("\"name\":\"Bob Builder\"")
                .contains("\"memberships\":[{\"tenant\":\"acme\",\"role\":\"developer\"}]");
    }

    @Test
    @Order(3)
    void thePortalIsServedAtTheRootAndOnItsRoutes() throws Exception {
        for (String path : List.of("/", "/jobs")) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("content-type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(page.body()).as(path).contains("<div id=\"root\">");
        }
    }

    @Test
    @Order(4)
    void inABrowserBobLogsInSubmitsAJobThroughTheFormAndWatchesItFinishWhileCarolCannotSeeIt() throws Exception {
        Path out = AtriumScript.REPO.resolve("standalone/launcher/target/e2e");
        ProcessBuilder playwright = new ProcessBuilder("npx", "playwright", "test")
                .directory(AtriumScript.REPO.resolve("webui").toFile())
                .redirectErrorStream(true)
                .redirectOutput(AtriumScript.WORK.resolve("playwright.txt").toFile());
        playwright
                .environment()
                .putAll(Map.ofEntries(
                        Map.entry("ATRIUM_URL", "http://localhost:" + ENV.get("ATRIUM_HTTP_PORT")),
                        Map.entry("ATRIUM_E2E_USER", "bob"),
                        Map.entry("ATRIUM_E2E_PASSWORD", password("bob")),
                        Map.entry("ATRIUM_E2E_NAME", "Bob Builder"),
                        Map.entry("ATRIUM_E2E_OTHER_PASSWORD", password("carol")),
                        Map.entry("ATRIUM_E2E_ALICE_PASSWORD", password("alice")),
                        Map.entry("ATRIUM_E2E_ADMIN_PASSWORD", password("admin")),
                        Map.entry("ATRIUM_E2E_DAVE_PASSWORD", password("dave")),
                        // The overview's load test drives a simulated agent, which needs the cluster's agent token.
                        Map.entry(
                                "ATRIUM_E2E_AGENT_TOKEN",
                                Files.readString(STATE.resolve("agent-token")).strip()),
                        Map.entry("ATRIUM_E2E_OUT", out.toString()),
                        Map.entry("CI", "true")));
        Process browser = playwright.start();
        assertThat(browser.waitFor(10, TimeUnit.MINUTES))
                .as("playwright finished")
                .isTrue();

        assertThat(browser.exitValue())
                .as(Files.readString(AtriumScript.WORK.resolve("playwright.txt")))
                .isZero();
        assertThat(out.resolve("portal-logged-in.png")).isNotEmptyFile();
        assertThat(out.resolve("portal-job-finished.png")).isNotEmptyFile();
        assertThat(out.resolve("portal-job-not-found.png")).isNotEmptyFile();
        assertThat(out.resolve("portal-task-stdout.png")).isNotEmptyFile();
        assertThat(out.resolve("portal-tenant-admin.png")).isNotEmptyFile();
        assertThat(out.resolve("portal-agents-drained.png")).isNotEmptyFile();
        assertThat(out.resolve("portal-job-refused-by-quota.png")).isNotEmptyFile();
        assertThat(out.resolve("portal-overview-load.png")).isNotEmptyFile();
        assertThat(out.resolve("portal-admin-tenants.png")).isNotEmptyFile();
        assertThat(out.resolve("portal-audit-log.png")).isNotEmptyFile();
        for (String page : List.of("overview", "jobs", "job", "task", "tenant", "agents", "all-tenants", "audit")) {
            for (String variant : List.of("", "-dark", "-narrow")) {
                assertThat(out.resolve("portal-" + page + variant + ".png")).isNotEmptyFile();
            }
        }
    }

    @Test
    @Order(5)
    void twentySleepsSubmittedOverRestAllFinishWithTheirStatesAndTimes() throws Exception {
        EventStream events = EventStream.open("/api/tenants/acme/events?types=task.*", null);
        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(url("/api/tenants/acme/jobs"))
                        .header("Authorization", "Bearer " + accessToken("bob"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"name": "sleepers", "command": "sleep 2", "instances": 20,
                                 "resources": {"cpus": 0.1, "mem": 32}}"""))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        sleepersJob = JSON.readTree(created.body()).path("id").asText();

        await().atMost(Duration.ofMinutes(2))
                .until(() -> sleepers().path("state").asText().equals("FINISHED"));

        JsonNode job = sleepers();
        assertThat(job.path("finished").asInt()).isEqualTo(20);
        assertThat(job.path("tasks")).hasSize(20).allSatisfy(task -> {
            List<String> states = new ArrayList<>();
            List<Instant> times = new ArrayList<>();
            task.path("states").forEach(state -> {
                states.add(state.path("state").asText());
                times.add(Instant.parse(state.path("time").asText()));
            });
            assertThat(states).containsExactly("TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_FINISHED");
            assertThat(times).isSorted();
            assertThat(Duration.between(times.get(2), times.get(3))).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        });
        // Every state change of every task reached bob's event stream, in order per task.
        await().atMost(Duration.ofMinutes(1))
                .until(() -> events.ofJob(sleepersJob).size() == 80);
        sleeperEvents = events.ofJob(sleepersJob);
        events.close();
    }

    @Test
    @Order(6)
    void anAdminSetsATenantsWeight() throws Exception {
        // From the version read: the browser tests have changed acme's quota by now.
        String read = HTTP.send(
                        HttpRequest.newBuilder(url("/api/admin/roles/acme"))
                                .header("Authorization", "Bearer " + accessToken("admin"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .headers()
                .firstValue("ETag")
                .orElseThrow();
        HttpResponse<String> set = HTTP.send(
                HttpRequest.newBuilder(url("/api/admin/roles/acme/weight"))
                        .header("Authorization", "Bearer " + accessToken("admin"))
                        .header("Content-Type", "application/json")
                        .header("If-Match", read)
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"weight\": 2}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        long before = Long.parseLong(read.replace("\"", ""));
        assertThat(set.headers().firstValue("ETag")).hasValue("\"" + (before + 1) + "\"");
        acmeSettingsVersion = set.headers().firstValue("ETag").orElseThrow();
    }

    /** The version of acme's role settings after the weight was set, which a restart must keep. */
    private static String acmeSettingsVersion;

    @Test
    @Order(7)
    void ctrlCStopsEveryProcessItStarted() throws Exception {
        writeDataThatMustSurvive();
        List<ProcessHandle> tree = processTree();
        assertThat(tree).hasSizeGreaterThanOrEqualTo(5);

        new ProcessBuilder("kill", "-INT", String.valueOf(up.pid())).start().waitFor();

        assertThat(up.waitFor(2, TimeUnit.MINUTES)).as("launcher exited").isTrue();
        assertThat(Files.readString(upOutput)).contains("Atrium stopped.");
        assertAllExited(tree);
        assertPortsReleased();
    }

    @Test
    @Order(8)
    void aSecondUpKeepsTheDataAndSkipsTheOneTimeBuilds() throws Exception {
        startUp("up-2.txt");

        try (Connection db = postgres();
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select name from kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("survivor");
        }
        try (Connection db = postgres();
                Statement sql = db.createStatement();
                ResultSet tenants = sql.executeQuery("select count(*) from tenant")) {
            tenants.next();
            assertThat(tenants.getInt(1)).as("demo tenants not duplicated").isEqualTo(2);
        }
        assertThat(consumeKept()).extracting(ConsumerRecord::value).containsExactly("survived a restart");
        assertThat(accessToken("bob"))
                .as("Keycloak kept its users and passwords")
                .isNotBlank();
        String keycloakLog = Files.readString(STATE.resolve("logs/keycloak.log"));
        assertThat(keycloakLog.split("Updating the configuration and installing your custom providers", -1))
                .as("Keycloak built once, not on the second start")
                .hasSize(2);
        assertThat(keycloakLog).contains("Realm 'atrium' already exists. Import skipped");
        JsonNode job = sleepers();
        assertThat(job.path("state").asText())
                .as("the master recovered the job")
                .isEqualTo("FINISHED");
        assertThat(job.path("tasks")).hasSize(20);

        HttpResponse<String> acme = HTTP.send(
                HttpRequest.newBuilder(url("/api/admin/roles/acme"))
                        .header("Authorization", "Bearer " + accessToken("admin"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(acme.body()).path("weight").asDouble())
                .as("the master applied the stored weight at start")
                .isEqualTo(2.0);
        assertThat(acme.headers().firstValue("ETag")).hasValue(acmeSettingsVersion);

        // A stream resumes from a cursor the stopped master gave out: the events after it, no more, no less.
        EventStream.Received middle = sleeperEvents.get(39);
        EventStream resumed = EventStream.open("/api/tenants/acme/events?job=" + sleepersJob, middle.cursor());
        try {
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> resumed.ofJob(sleepersJob).size() >= 40);
            List<EventStream.Received> after = sleeperEvents.subList(40, 80);
            assertThat(resumed.ofJob(sleepersJob))
                    .extracting(EventStream.Received::id)
                    .containsExactlyInAnyOrderElementsOf(
                            after.stream().map(EventStream.Received::id).toList());
            // Partitions may interleave differently; each task's events keep their order.
            for (EventStream.Received event : after) {
                assertThat(idsOf(resumed.ofJob(sleepersJob), event.task())).isEqualTo(idsOf(after, event.task()));
            }
        } finally {
            resumed.close();
        }
    }

    private static List<String> idsOf(List<EventStream.Received> events, String task) {
        return events.stream()
                .filter(event -> event.task().equals(task))
                .map(EventStream.Received::id)
                .toList();
    }

    /** bob's SSE stream of acme's events, read on a thread of its own. */
    private static final class EventStream {
        record Received(String cursor, String id, String job, String task) {}

        private final java.io.InputStream body;
        private final List<Received> received = new java.util.concurrent.CopyOnWriteArrayList<>();

        private EventStream(java.io.InputStream body) {
            this.body = body;
        }

        static EventStream open(String path, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(url(path))
                    .header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + accessToken("bob"));
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<java.io.InputStream> response =
                    HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            EventStream stream = new EventStream(response.body());
            Thread.ofVirtual().start(stream::read);
            return stream;
        }

        private void read() {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(body, StandardCharsets.UTF_8))) {
                String cursor = null;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("id:")) {
                        cursor = line.substring(3).strip();
                    } else if (line.startsWith("data:")) {
                        JsonNode event = JSON.readTree(line.substring(5));
                        received.add(new Received(
                                cursor,
                                event.path("id").asText(),
                                event.path("data").path("labels").path("job").asText(),
                                event.path("subject").asText()));
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        List<Received> ofJob(String job) {
            return received.stream().filter(event -> event.job().equals(job)).toList();
        }

        void close() throws IOException {
            body.close();
        }
    }

    private static JsonNode sleepers() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(url("/api/tenants/acme/jobs/" + sleepersJob))
                        .header("Authorization", "Bearer " + accessToken("bob"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    @Order(9)
    void downFromAnotherTerminalStopsEverything() throws Exception {
        List<ProcessHandle> tree = processTree();

        AtriumScript.Result down = AtriumScript.run(ENV, "down");

        assertThat(down.exitCode()).isZero();
        assertThat(down.lines()).last().isEqualTo("Atrium stopped.");
        assertThat(up.waitFor(1, TimeUnit.MINUTES)).as("launcher exited").isTrue();
        assertAllExited(tree);
        assertPortsReleased();
        assertThat(AtriumScript.run(ENV, "status").lines()).containsExactly("Atrium is not running.");
    }

    private static void startUp(String outputName) {
        upOutput = AtriumScript.WORK.resolve(outputName);
        long started = System.nanoTime();
        up = AtriumScript.start(ENV, upOutput, "up");
        await().atMost(Duration.ofMinutes(6))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    String output = Files.readString(upOutput);
                    if (!up.isAlive()) {
                        throw new AssertionError("./atrium up exited with " + up.exitValue() + ":\n" + output);
                    }
                    return output.contains("Atrium is up");
                });
        System.out.printf(
                "%s: ./atrium up was ready after %d s%n",
                outputName, Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    /** The launcher and every process it started and recorded, as they are now. */
    private static List<ProcessHandle> processTree() throws IOException {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(up.toHandle());
        up.descendants().forEach(tree::add);
        for (String line : Files.readAllLines(STATE.resolve("run/children.pids"))) {
            ProcessHandle.of(Long.parseLong(line.split(" ")[0])).ifPresent(tree::add);
        }
        STARTED.addAll(tree);
        return tree;
    }

    private static void assertAllExited(List<ProcessHandle> tree) {
        assertThat(tree.stream()
                        .filter(StandaloneStackTest::running)
                        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                        .distinct())
                .as("processes still running after the launcher exited")
                .isEmpty();
    }

    /**
     * Alive and not a zombie: an orphan that exited waits for pid 1 to reap it, which here
     * takes seconds, and Java counts it as alive until then.
     */
    private static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    private static void assertPortsReleased() {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> ENV.forEach((name, value) -> {
                    if (name.endsWith("_PORT")) {
                        assertThat(Ports.isFree(Integer.parseInt(value)))
                                .as(name)
                                .isTrue();
                    }
                }));
    }

    private static void writeDataThatMustSurvive() throws Exception {
        try (Connection db = postgres();
                Statement sql = db.createStatement()) {
            sql.execute("create table kept (name text)");
            sql.execute("insert into kept values ('survivor')");
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafkaServers()));
                KafkaProducer<String, String> producer = new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafkaServers(),
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new StringSerializer(),
                        new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>("kept", "k", "survived a restart"))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static List<ConsumerRecord<String, String>> consumeKept() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "stack-test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("kept"));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return !records.isEmpty();
            });
            return records;
        }
    }

    private static Connection postgres() throws Exception {
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + ENV.get("ATRIUM_POSTGRES_PORT") + "/atrium", "postgres", "");
    }

    private static String kafkaServers() {
        return "127.0.0.1:" + ENV.get("ATRIUM_KAFKA_PORT");
    }

    private static String password(String user) throws IOException {
        Properties credentials = new Properties();
        try (Reader in = Files.newBufferedReader(STATE.resolve("demo-credentials.properties"))) {
            credentials.load(in);
        }
        return credentials.getProperty("user." + user);
    }

    private static String accessToken(String user) throws Exception {
        String form = "grant_type=password&client_id=atrium-cli&username=" + user + "&password="
                + URLEncoder.encode(password(user), StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + ENV.get("ATRIUM_KEYCLOAK_PORT")
                                + "/realms/atrium/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI url(String path) {
        return URI.create("http://localhost:" + ENV.get("ATRIUM_HTTP_PORT") + path);
    }
}
