package io.atrium.tenancy;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A person's role in one tenant, keyed by their Keycloak subject. Atrium, not Keycloak, keeps
 * these, so tenant admins manage their members without Keycloak admin rights.
 */
@Entity
@Table(name = "membership")
public class Membership extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(nullable = false)
    public String tenant;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String role;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
