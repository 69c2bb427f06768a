package io.atrium.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atrium.infra.MailServer;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MailDeliveryTest {

    @Inject
    ReactiveMailer mailer;

    MailServer mailServer;

    @Test
    void mailFromTheMasterArrivesAtTheSmtpServer() {
        mailer.send(Mail.withText("bob@acme.example", "Atrium is up", "Your portal is ready"))
                .await()
                .atMost(Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mailServer.received())
                .anySatisfy(message -> assertThat(message.getSubject()).isEqualTo("Atrium is up")));
    }
}
