package io.atrium.allocator;

import io.atrium.frameworks.FrameworkId;

/** Who holds allocated resources: a framework, for one of its roles. */
record Holder(FrameworkId framework, String role) {}
