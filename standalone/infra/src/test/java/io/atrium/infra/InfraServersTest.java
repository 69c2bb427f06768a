package io.atrium.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfraServersTest {

    @TempDir
    Path state;

    @Test
    void postgresIsARealServerThatKeepsItsDataAcrossRestarts() throws Exception {
        Path data = state.resolve("postgres");
        int port = Ports.free();
        try (PostgresServer postgres = PostgresServer.start(data, port, state.resolve("pg.log"))) {
            postgres.ensureDatabase("atrium");
            try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("atrium"), PostgresServer.USER, "");
                    Statement sql = db.createStatement()) {
                sql.execute("create table kept (name text)");
                sql.execute("insert into kept values ('survivor')");
            }
        }
        assertThat(Ports.isFree(port)).as("port released after stop").isTrue();

        try (PostgresServer postgres = PostgresServer.start(data, port, state.resolve("pg.log"));
                Connection db = DriverManager.getConnection(postgres.jdbcUrl("atrium"), PostgresServer.USER, "");
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select name, version() from kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("survivor");
            assertThat(rows.getString(2)).startsWith("PostgreSQL 18");
        }
    }

    @Test
    void kafkaIsARealBrokerThatKeepsRecordsAcrossRestarts() throws Exception {
        KafkaBroker broker = new KafkaBroker(state.resolve("kafka"), Ports.free(), Ports.free());
        try (broker) {
            broker.start();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1)))
                        .all()
                        .get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            broker.bootstrapServers(),
                            ProducerConfig.ACKS_CONFIG,
                            "all"),
                    new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("kept", "agent-1", "registered"))
                        .get();
            }
            broker.stop();
            broker.start();

            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                            ConsumerConfig.GROUP_ID_CONFIG, "reader",
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of("kept"));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (records.isEmpty() && System.nanoTime() < deadline) {
                    records = consumer.poll(Duration.ofMillis(500));
                }
                assertThat(records.records("kept")).singleElement().satisfies(record -> {
                    assertThat(record.key()).isEqualTo("agent-1");
                    assertThat(record.value()).isEqualTo("registered");
                });
            }
        }
    }

    @Test
    void mailServerReceivesOverSmtp() throws Exception {
        try (MailServer mail = MailServer.start(Ports.free())) {
            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
            MimeMessage message = new MimeMessage(Session.getInstance(props));
            message.setFrom(new InternetAddress("atrium@atrium.example"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@acme.example"));
            message.setSubject("Job finished");
            message.setText("20 of 20 tasks finished");
            Transport.send(message);

            assertThat(mail.received()).singleElement().satisfies(received -> assertThat(received.getSubject())
                    .isEqualTo("Job finished"));
        }
    }

    @Test
    void aBusyPortIsRefusedWithOneLineThatNamesItAndTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> PostgresServer.start(state.resolve("pg"), port, state.resolve("pg.log")))
                    .isInstanceOf(InfraException.class)
                    .hasMessage("Port " + port + " (PostgreSQL) is already in use: stop what listens there"
                            + " (ss -ltnp 'sport = :" + port + "') or choose another port with ATRIUM_POSTGRES_PORT");
        }
    }
}
