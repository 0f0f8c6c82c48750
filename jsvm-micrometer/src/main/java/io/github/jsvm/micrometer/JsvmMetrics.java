package io.github.jsvm.micrometer;

import io.github.jsvm.ResourceExhaustedException;
import io.github.jsvm.Vm;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a {@link Vm}'s {@link Vm#stats() statistics} to a Micrometer registry.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>Name</th><th>Type</th><th>Tags</th><th>What</th></tr>
 *   <tr><td>{@code jsvm.runs}</td><td>function timer</td><td></td><td>runs that ended and their total wall time
 *       (zero unless the {@code Vm} measures it: {@code VmOptions.measureRunTime})</td></tr>
 *   <tr><td>{@code jsvm.runs.stopped}</td><td>function counter</td><td>{@code reason}: {@code timeout},
 *       {@code cpu_time}, {@code allocated_bytes}, {@code host_heap}</td><td>runs stopped by a limit</td></tr>
 *   <tr><td>{@code jsvm.contexts.created}</td><td>function counter</td><td></td><td>contexts created</td></tr>
 *   <tr><td>{@code jsvm.contexts.live}</td><td>gauge</td><td></td><td>contexts open now</td></tr>
 *   <tr><td>{@code jsvm.import.hook.calls}</td><td>function counter</td><td></td><td>calls of application import hooks</td></tr>
 *   <tr><td>{@code jsvm.script.cache.gets}</td><td>function counter</td><td>{@code result}: {@code hit}, {@code miss}</td>
 *       <td>compile-cache lookups (as Micrometer names cache meters)</td></tr>
 *   <tr><td>{@code jsvm.script.cache.evictions}</td><td>function counter</td><td></td><td>scripts dropped by the cache's bounds</td></tr>
 *   <tr><td>{@code jsvm.script.cache.size}</td><td>gauge</td><td></td><td>scripts cached now</td></tr>
 *   <tr><td>{@code jsvm.script.cache.characters}</td><td>gauge</td><td></td><td>what the cached scripts count against the bound</td></tr>
 * </table>
 *
 * <p>Every meter reads the {@code Vm} when the registry polls it, and holds it weakly, as Micrometer's
 * function meters do: binding never keeps a {@code Vm} alive, and its meters read its final counts after
 * it is closed. Each poll takes one {@link Vm#stats()} snapshot per meter, a few counter reads.
 */
public final class JsvmMetrics implements MeterBinder {
    private final Vm vm;
    private final Tags tags;

    /** Metrics of {@code vm}, without extra tags. */
    public JsvmMetrics(Vm vm) {
        this(vm, Tags.empty());
    }

    /** Metrics of {@code vm}, each meter tagged with {@code tags} (for example the name of the {@code Vm}). */
    public JsvmMetrics(Vm vm, Iterable<Tag> tags) {
        this.vm = Objects.requireNonNull(vm, "vm must not be null");
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags must not be null"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry must not be null");
        FunctionTimer.builder("jsvm.runs", vm, v -> v.stats().runs(), v -> v.stats().runTime().toNanos(), TimeUnit.NANOSECONDS)
                .description("Runs that ended (script runs, function calls, module evaluations, global access) and their wall time")
                .tags(tags)
                .register(registry);
        counter(registry, "jsvm.runs.stopped", "Runs stopped by a limit", Tags.of("reason", "timeout"), v -> v.stats().timeouts());
        for (ResourceExhaustedException.Resource resource : ResourceExhaustedException.Resource.values()) {
            counter(registry, "jsvm.runs.stopped", "Runs stopped by a limit", Tags.of("reason", resource.name().toLowerCase(Locale.ROOT)),
                    v -> v.stats().resourceLimitHits(resource));
        }
        counter(registry, "jsvm.contexts.created", "Contexts created", Tags.empty(), v -> v.stats().contextsCreated());
        gauge(registry, "jsvm.contexts.live", "Contexts open now", v -> v.stats().liveContexts());
        counter(registry, "jsvm.import.hook.calls", "Calls of application import hooks", Tags.empty(), v -> v.stats().importHookCalls());
        counter(registry, "jsvm.script.cache.gets", "Compile-cache lookups", Tags.of("result", "hit"), v -> v.scriptCacheStats().hits());
        counter(registry, "jsvm.script.cache.gets", "Compile-cache lookups", Tags.of("result", "miss"), v -> v.scriptCacheStats().misses());
        counter(registry, "jsvm.script.cache.evictions", "Scripts dropped by the compile cache's bounds", Tags.empty(),
                v -> v.scriptCacheStats().evictions());
        gauge(registry, "jsvm.script.cache.size", "Scripts in the compile cache", v -> v.scriptCacheStats().size());
        gauge(registry, "jsvm.script.cache.characters", "Characters the cached scripts count against the cache's bound",
                v -> v.scriptCacheStats().characters());
    }

    private void counter(MeterRegistry registry, String name, String description, Tags extra, ToDoubleFunction<Vm> count) {
        FunctionCounter.builder(name, vm, count).description(description).tags(tags.and(extra)).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Vm> value) {
        Gauge.builder(name, vm, value).description(description).tags(tags).register(registry);
    }
}
