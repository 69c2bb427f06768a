package io.atrium.infra;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/**
 * A real SMTP server (GreenMail) on loopback that keeps what it receives in memory, so tests
 * and the standalone run can read the mail Atrium sends.
 */
public final class MailServer implements AutoCloseable {

    private final GreenMail greenMail;
    private final int smtpPort;

    private MailServer(GreenMail greenMail, int smtpPort) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
    }

    public static MailServer start(int smtpPort) {
        Ports.requireFree(smtpPort, "SMTP", "ATRIUM_SMTP_PORT");
        GreenMail greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return new MailServer(greenMail, smtpPort);
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** Every message received so far, oldest first. */
    public List<MimeMessage> received() {
        return List.of(greenMail.getReceivedMessages());
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
