package io.wirehub.server.monitor;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The JVM's own metrics (memory, GC, threads, process CPU): one registry per process, shared by
 * every server in it, since the figures are the process's. Kept apart from each server's registry
 * so a stopped server leaves nothing registered behind.
 */
final class JvmRegistry {
    private JvmRegistry() {
    }

    private static final class Holder {
        static final PrometheusRegistry REGISTRY = new PrometheusRegistry();

        static {
            JvmMetrics.builder().register(REGISTRY);
        }
    }

    static PrometheusRegistry get() {
        return Holder.REGISTRY;
    }
}
