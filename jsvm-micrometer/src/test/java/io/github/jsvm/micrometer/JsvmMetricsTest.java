package io.github.jsvm.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ResourceExhaustedException;
import io.github.jsvm.RunOptions;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.ScriptTimeoutException;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JsvmMetricsTest {

    @Test
    void everyMeterFollowsWhatTheVmDid() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Vm vm = Vm.create(io.github.jsvm.VmOptions.builder().measureRunTime(true).build())) {
            new JsvmMetrics(vm, Tags.of("vm", "tenants")).bindTo(registry);
            try (VmContext context = vm.createContext(); VmContext other = vm.createContext()) {
                Script script = vm.compile("1 + 1");
                vm.compile("1 + 1").runInContext(context);
                script.runInContext(other);
                assertThat(gauge(registry, "jsvm.contexts.live")).isEqualTo(2);
                Script spin = vm.compile("while (true) {}");
                assertThatThrownBy(() -> spin.runInContext(context, RunOptions.withTimeout(Duration.ofMillis(50))))
                        .isInstanceOf(ScriptTimeoutException.class);
                assertThatThrownBy(() -> spin.runInContext(context, RunOptions.builder().cpuTimeLimit(Duration.ofMillis(50)).build()))
                        .isInstanceOf(ResourceExhaustedException.class);
                var module = vm.syntheticModule(List.of("x"), m -> m.setExport("x", 1), ModuleOptions.in(context));
                ImportModuleDynamically hook = (specifier, referrer, attributes) -> module;
                vm.compile("import('m')", ScriptOptions.builder().importModuleDynamically(hook).build()).runInContext(context);
            }
            FunctionTimer runs = registry.get("jsvm.runs").tag("vm", "tenants").functionTimer();
            // two runs of 1 + 1, two stopped runs, the import; evaluating the module happens inside the last one
            assertThat(runs.count()).isEqualTo(5);
            assertThat(runs.totalTime(TimeUnit.NANOSECONDS)).isPositive();
            assertThat(counter(registry, "jsvm.runs.stopped", "reason", "timeout")).isEqualTo(1);
            assertThat(counter(registry, "jsvm.runs.stopped", "reason", "cpu_time")).isEqualTo(1);
            assertThat(counter(registry, "jsvm.runs.stopped", "reason", "allocated_bytes")).isZero();
            assertThat(counter(registry, "jsvm.runs.stopped", "reason", "host_heap")).isZero();
            assertThat(counter(registry, "jsvm.contexts.created")).isEqualTo(2);
            assertThat(gauge(registry, "jsvm.contexts.live")).isZero();
            assertThat(counter(registry, "jsvm.import.hook.calls")).isEqualTo(1);
            assertThat(counter(registry, "jsvm.script.cache.gets", "result", "hit")).isEqualTo(1);
            assertThat(counter(registry, "jsvm.script.cache.gets", "result", "miss")).isEqualTo(3);
            assertThat(counter(registry, "jsvm.script.cache.evictions")).isZero();
            assertThat(gauge(registry, "jsvm.script.cache.size")).isEqualTo(3);
            assertThat(gauge(registry, "jsvm.script.cache.characters")).isEqualTo(vm.scriptCacheStats().characters());
        }
    }

    @Test
    void aClosedVmKeepsItsFinalCounts() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Vm vm = Vm.create();
        new JsvmMetrics(vm).bindTo(registry);
        try (VmContext context = vm.createContext()) {
            vm.compile("1").runInContext(context);
        }
        vm.close();
        assertThat(registry.get("jsvm.runs").functionTimer().count()).isEqualTo(1);
        assertThat(counter(registry, "jsvm.contexts.created")).isEqualTo(1);
    }

    @Test
    void bindingDoesNotKeepTheVmAlive() throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Vm vm = Vm.create();
        new JsvmMetrics(vm).bindTo(registry);
        vm.close();
        WeakReference<Vm> collected = new WeakReference<>(vm);
        vm = null;
        for (int i = 0; i < 50 && collected.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(collected.get()).as("the Vm after binding and dropping it").isNull();
    }

    @Test
    void nullsAreRejectedByName() {
        assertThatThrownBy(() -> new JsvmMetrics(null)).hasMessage("vm must not be null");
        try (Vm vm = Vm.create()) {
            assertThatThrownBy(() -> new JsvmMetrics(vm, null)).hasMessage("tags must not be null");
            assertThatThrownBy(() -> new JsvmMetrics(vm).bindTo(null)).hasMessage("registry must not be null");
        }
    }

    private static double counter(SimpleMeterRegistry registry, String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }

    private static double gauge(SimpleMeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }
}
