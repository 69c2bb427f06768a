package io.atrium.tenancy;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a stream (SSE) of a tenant's objects: {@link TenantStreamFilter} checks the caller may
 * read the tenant before the response starts, because once an event stream has begun its
 * status can no longer say 404.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface TenantStream {}
