package io.github.jsvm.engine;

import io.github.jsvm.JsException;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.VmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;

/**
 * The modules of one context: finds them by key, serves their text to the engine, holds them while
 * the engine needs them, and settles their outcome at the end of a run. Module code talks to Java
 * through the context's {@link ModuleBridge}.
 *
 * <p>A module is held weakly until the engine loads it; from then on strongly, as the engine's own
 * module map holds it until the context closes. Owned by the context wrapper; the engine-side
 * objects (the file system, the bridge functions) reach it only weakly, so they never keep the wrapper
 * alive.
 */
final class ContextModules {
    /** Path prefix of module keys; a key is the path the engine loads the module from. */
    static final String KEY_PREFIX = "/jsvm/m/";
    /* The root name of a top-level-await module's body in GraalJS (TopLevelAwaitModuleRootNode), first run or resumed. */
    private static final String TOP_LEVEL_AWAIT_BODY = ":top-level-await-module";
    private final GraalContext context;
    private final WeakValueMap<String, GraalModule> modules = new WeakValueMap<>();
    /* The same modules by the token their generated calls name them with (see ModuleBridge). */
    private final WeakValueMap<String, GraalModule> byToken = new WeakValueMap<>();
    /* Node numbers default identifiers per context, from 0. */
    private final java.util.concurrent.atomic.AtomicLong defaultIdentifiers = new java.util.concurrent.atomic.AtomicLong();
    /* Modules the engine has loaded: its module map holds them for the context's life, so do we. */
    private final Set<GraalModule> loaded = ConcurrentHashMap.newKeySet();
    /*
     * Modules an import in the current run resolved to, not yet read by the engine: the engine holds
     * only their key until it reads them, and the hook that built one may hold nothing either, so a
     * collection in between would lose it. Released when read, or at the end of the run.
     */
    private final Set<GraalModule> handedOut = ConcurrentHashMap.newKeySet();
    private final ModuleBridge bridge = new ModuleBridge();
    /* The shared keys (see SharedModuleTexts) a module of this context has taken; each is taken once. */
    private final Set<String> sharedKeys = ConcurrentHashMap.newKeySet();
    /*
     * Modules that started evaluating in the current run, for settleStarted(). Only touched by the
     * run of this context, and runs are exclusive and ordered (ContextRunner.run), so a plain list.
     */
    private final List<GraalModule> started = new ArrayList<>();
    /*
     * Top-level-await modules whose body a stop of the current run cut short (see noteCutShort), until
     * the run reports the stop. Touched only by the run of this context, as started.
     */
    private final Set<GraalModule> cutShort = new LinkedHashSet<>();

    ContextModules(GraalContext context) {
        this.context = context;
    }

    /** The identifier of the next module created in this context without one: {@code vm:module(0)}, {@code vm:module(1)}, ... */
    String nextDefaultIdentifier() {
        return "vm:module(" + defaultIdentifiers.getAndIncrement() + ")";
    }

    /** Installs the module bridge (see {@link ModuleBridge#install}). */
    void install(org.graalvm.polyglot.Context polyglot) {
        bridge.install(polyglot, this);
    }

    ValueConverter converter() {
        return context.converter();
    }

    /**
     * Drops this context's modules and its bridge into the guest; the context has closed. Modules the
     * application still holds keep working as far as a closed context allows (they report it).
     */
    void release() {
        bridge.release();
        modules.clear();
        byToken.clear();
        loaded.clear();
        handedOut.clear();
        sharedKeys.clear();
    }

    /** Starts evaluating {@code module} as the root of a graph; its {@link GraalModule#settled} reports the outcome. */
    void evaluate(GraalModule module) {
        module.observeOutcome();
        bridge.evaluate(module, context.runner());
    }

    /** Notes that {@code module} started evaluating in this run; see {@link #settleStarted()}. */
    void started(GraalModule module) {
        started.add(module);
    }

    /**
     * At the end of a run: asks the engine for the outcome of every module that started evaluating
     * in it and has not finished. A module returned by an import hook is evaluated by the guest's
     * {@code import()}, which reports nothing to Java when the module body throws; importing it
     * again through the bootstrap does (the engine answers with the same rejection), and for one
     * still waiting on top-level await it reports when that settles.
     */
    void settleStarted() {
        if (started.isEmpty()) {
            return;
        }
        List<GraalModule> pending = List.copyOf(started);
        started.clear();
        for (GraalModule module : pending) {
            if (module.status() == ModuleStatus.EVALUATING && !module.isOutcomeObserved()) {
                evaluate(module);
            }
        }
    }

    /**
     * Notes the top-level-await modules whose body was running when {@code stop} (an interrupt)
     * stopped the run: the engine neither resumes such a body nor settles its evaluation, so
     * {@link #failCutShort} must.
     */
    void noteCutShort(PolyglotException stop) {
        for (PolyglotException.StackFrame frame : stop.getPolyglotStackTrace()) {
            SourceSection location = frame.getSourceLocation();
            if (frame.isGuestFrame() && TOP_LEVEL_AWAIT_BODY.equals(frame.getRootName()) && location != null) {
                String path = location.getSource().getPath();
                GraalModule module = path == null ? null : find(path);
                if (module != null && module.status() == ModuleStatus.EVALUATING) {
                    cutShort.add(module);
                }
            }
        }
    }

    /**
     * Fails with {@code stop}, what the run reported, the modules {@link #noteCutShort} found and the
     * modules still evaluating that wait for one of them.
     */
    void failCutShort(VmException stop) {
        if (cutShort.isEmpty()) {
            return;
        }
        List<GraalModule> cut = List.copyOf(cutShort);
        cutShort.clear();
        for (GraalModule module : loaded) {
            if (module.status() == ModuleStatus.EVALUATING && module.reachesAny(cut)) {
                module.cutShort(stop);
            }
        }
    }

    /** The key of the module the bootstrap is importing, or {@code null}. */
    @Nullable String evaluating() {
        return bridge.evaluating();
    }

    /**
     * Whether a new module may take the shared key named {@code keyName}: only the first asker may, as
     * the keys of a context's modules must differ.
     */
    boolean claimSharedKey(String keyName) {
        return sharedKeys.add(keyName);
    }

    /** Registers a new module of this context and returns it. */
    <M extends GraalModule> M add(M module) {
        modules.put(module.key(), module);
        byToken.put(module.token(), module);
        return module;
    }

    /** The module whose generated calls carry {@code token}, or {@code null}. */
    @Nullable GraalModule findByToken(String token) {
        return byToken.get(token);
    }

    /** The module with {@code key}, or {@code null}. */
    @Nullable GraalModule find(String key) {
        return modules.get(key);
    }

    /** Returns the key the engine loads {@code module} under, holding the module until the engine has read it. */
    String handOut(GraalModule module) {
        if (!loaded.contains(module)) {
            handedOut.add(module);
        }
        return module.key();
    }

    /** At the end of a run: modules handed out and never read (the import failed) are no longer held. */
    void releaseHandedOut() {
        // Every run ends here; clearing an empty concurrent set still walks its whole table.
        if (!handedOut.isEmpty()) {
            handedOut.clear();
        }
    }

    /** The text the engine would load for {@code key} (UTF-8), or {@code null}; for the file system's checks. */
    byte @Nullable [] text(String key) {
        GraalModule module = find(key);
        return module == null ? null : module.engineBytes();
    }

    /** Called by the file system when the engine reads {@code key}: marks it loaded; the text, or {@code null}. */
    byte @Nullable [] serve(String key) {
        GraalModule module = find(key);
        if (module == null) {
            return null;
        }
        loaded.add(module);
        handedOut.remove(module);
        module.loaded();
        return module.engineBytesForRead();
    }

    /** Where a frame of {@code source} came from: a module's identifier and offsets, or the plain origin. */
    SourceOrigin originOf(Source source) {
        String path = source.getPath();
        if (path != null && path.startsWith(KEY_PREFIX)) {
            GraalModule module = find(path);
            if (module != null) {
                return module.origin();
            }
        }
        return SourceOrigin.of(source);
    }

    /** The API exception for a guest value a module's evaluation was rejected with. */
    VmException translateRejection(ValueConverter converter, Value reason) {
        try {
            converter.rethrow(reason);
        } catch (PolyglotException failure) {
            RuntimeException translated = ErrorTranslator.translate(failure, converter, this::originOf);
            if (translated instanceof VmException vmException) {
                return vmException;
            }
            // The host's own exception (an evaluator's, an initializer's): its message, or what it is when it has no readable one.
            String message = ErrorTranslator.messageOf(translated);
            return new VmException(message != null ? message : "Host code threw " + ErrorTranslator.describe(translated), translated);
        }
        return new JsException(null, String.valueOf(reason), null, java.util.List.of());
    }
}
