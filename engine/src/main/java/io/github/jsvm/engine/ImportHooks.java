package io.github.jsvm.engine;

import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.ImportReferrer;
import io.github.jsvm.ScriptCacheOptions;
import java.time.Duration;
import java.util.Map;
import org.graalvm.polyglot.Source;
import org.jspecify.annotations.Nullable;

/**
 * The one owner of import hooks in a {@code Vm}: what a hook means, how the code compiled with it
 * keeps it, and how running code finds it again.
 *
 * <p>A hook is one of the two constants or custom. The constants need no registration: code
 * compiled with {@link ImportModuleDynamically#NONE} or {@link ImportModuleDynamically#DEFAULT_LOADER}
 * says so in its source URI and keeps sharing parsed code with equal code. A custom hook gets
 * {@link HostDefinedOptions} in the weak {@link HostDefinedOptionsRegistry}, anchored by the code's
 * text (private code) or by the contexts that ran it (code shared across hooks, see
 * {@link SharedCodeTable}). Scripts, compiled functions, modules and contexts all come here, so the
 * rule is written once. The {@link SourceJanitor} it schedules makes Truffle drop dead sources (and
 * so the hooks they anchor) soon after a collection.
 */
final class ImportHooks {
    private static final Duration JANITOR_PERIOD = Duration.ofMillis(500);
    /* Options of the constants: never registered, never bound, the same for every Vm. */
    private static final HostDefinedOptions NONE = new HostDefinedOptions(null, ImportModuleDynamically.NONE);
    private static final HostDefinedOptions DEFAULT_LOADER = new HostDefinedOptions(null, ImportModuleDynamically.DEFAULT_LOADER);

    private final HostDefinedOptionsRegistry registry;
    private final SharedCodeTable sharedCode;
    private final ScriptCompiler compiler;
    private final VmCounters counters;
    private final ImportingFrame.Sites sites = new ImportingFrame.Sites();
    private final WarmSources warmSources;

    ImportHooks(HostDefinedOptionsRegistry registry, ScriptCacheOptions cacheOptions, ScriptCompiler compiler, Watchdog watchdog,
            VmCounters counters) {
        this.registry = registry;
        this.counters = counters;
        this.sharedCode = new SharedCodeTable(cacheOptions);
        this.warmSources = new WarmSources(cacheOptions);
        this.compiler = compiler;
        watchdog.every(JANITOR_PERIOD, new SourceJanitor(compiler));
    }

    /** Whether {@code hook} is one the application wrote, as opposed to the constants. */
    static boolean isCustom(ImportModuleDynamically hook) {
        return hook != ImportModuleDynamically.NONE && hook != ImportModuleDynamically.DEFAULT_LOADER;
    }

    /**
     * Compiled code and the options its {@code import()} calls are served by: registered options that
     * still need their referrer, or a constant's.
     */
    record HookedCode(CompiledCode code, HostDefinedOptions options) {
        /** Binds the registered options to the script or function made from the code; nothing for the constants. */
        void bind(ImportReferrer referrer) {
            if (options.id() != null) {
                options.bind(referrer);
            }
        }
    }

    /**
     * Parses {@code code} for {@code hook}. A custom hook gets registered options; its code is private
     * the first time this Vm sees the code and shared after that (see {@link SharedCodeTable}).
     */
    HookedCode compile(String code, SourceOrigin origin, ImportModuleDynamically hook) {
        if (!isCustom(hook)) {
            HostDefinedOptions constant = constant(hook);
            SourceOrigin marked = origin.withHookRef(hook == ImportModuleDynamically.NONE ? null : SourceOrigin.DEFAULT_LOADER);
            return new HookedCode(new CompiledCode.Plain(compiler.compile(code, marked)), constant);
        }
        HostDefinedOptions hostDefined = registry.register(hook);
        SharedCodeTable.SharedCode shared = sharedCode.seenBefore(code, origin);
        if (shared == null) {
            return new HookedCode(privateCode(code, origin, hostDefined), hostDefined);
        }
        Object anchor = registry.sharedAnchor(hostDefined);
        Source source = shared.source(key -> compiler.compile(anchor == null ? code : new ScriptText(code, anchor),
                origin.withHookRef(key)));
        return new HookedCode(new CompiledCode.Shared(source, shared.key(), hostDefined,
                () -> privateCode(code, origin, hostDefined)), hostDefined);
    }

    /** Code of its own for {@code hostDefined}: the text anchors the options, the URI names them. */
    private CompiledCode.Private privateCode(String code, SourceOrigin origin, HostDefinedOptions hostDefined) {
        ScriptText text = new ScriptText(code, registry.anchor(hostDefined));
        SourceOrigin marked = origin.withHookRef(hostDefined.id());
        return new CompiledCode.Private(compiler.compile(text, marked), text, marked, warmSources);
    }

    /**
     * The options of a context or module, whose referrer exists before any of its code runs: registered
     * and bound for a custom {@code hook}, the constant's options otherwise. The caller holds them.
     */
    HostDefinedOptions bind(ImportModuleDynamically hook, ImportReferrer referrer) {
        if (!isCustom(hook)) {
            return constant(hook);
        }
        HostDefinedOptions hostDefined = registry.register(hook);
        hostDefined.bind(referrer);
        return hostDefined;
    }

    private static HostDefinedOptions constant(ImportModuleDynamically hook) {
        return hook == ImportModuleDynamically.NONE ? NONE : DEFAULT_LOADER;
    }

    /**
     * The options of running hook-bearing code whose source URI says {@code hookRef}: shared code's
     * are what {@code context} recorded for it, private code's are found in the registry. {@code null}
     * only if nothing keeps them alive, which cannot happen while the code runs.
     */
    @Nullable HostDefinedOptions find(String hookRef, SharedCodeUsers users) {
        return hookRef.startsWith(SourceOrigin.SHARED_PREFIX) ? users.user(hookRef) : registry.find(hookRef);
    }

    /** Calls the application's hook of {@code hostDefined} (a custom one) for an {@code import()} of {@code specifier}. */
    Object call(HostDefinedOptions hostDefined, String specifier, Map<String, String> attributes) throws Exception {
        counters.importHookCalled();
        return hostDefined.hook().importModule(specifier, hostDefined.referrer(), attributes);
    }

    /** The {@code import()} call sites of this Vm's code, by call node. */
    ImportingFrame.Sites sites() {
        return sites;
    }

    /** Registered options, collected or not; for tests. */
    HostDefinedOptionsRegistry registry() {
        return registry;
    }

    /** The table of code compiled with hooks; for tests. */
    SharedCodeTable sharedCode() {
        return sharedCode;
    }

    /** Forgets all shared code and lets private code go cold; the Vm is closing. */
    void clear() {
        sharedCode.clear();
        warmSources.clear();
    }
}
