/**
 * Micrometer metrics for jsvm: {@code new JsvmMetrics(vm).bindTo(registry)} publishes what a
 * {@code Vm} does. The engine itself does not depend on Micrometer.
 */
module io.github.jsvm.micrometer {
    requires transitive io.github.jsvm;
    requires transitive micrometer.core;

    exports io.github.jsvm.micrometer;
}
