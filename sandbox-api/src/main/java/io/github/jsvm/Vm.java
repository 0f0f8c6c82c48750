package io.github.jsvm;

import io.github.jsvm.spi.VmProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * A JavaScript virtual machine: compiles scripts once and runs them in any number of isolated
 * contexts, the Java counterpart of Node's {@code vm} module.
 *
 * <p>A {@code Vm} owns one shared engine. Scripts compiled by a {@code Vm} can run in every context
 * of that same {@code Vm}, and compiled code is shared between those contexts. Closing the {@code Vm}
 * closes all its contexts, stops running code and frees the engine; the caller owns the {@code Vm}.
 * All methods are thread-safe, and compiles from different threads parse side by side: one caller's
 * large source does not hold up another's compile.
 *
 * <h2>Sandbox</h2>
 * Contexts are sandboxed by default: guest code cannot reach Java classes, files, sockets, threads,
 * processes, environment variables or native code. It sees only the standard JavaScript built-ins
 * and the globals the host passes in.
 *
 * <h2>Values crossing the boundary</h2>
 * Java values given to guest code (context globals, function arguments, {@link HostFunction}
 * results) are copied into JavaScript values: {@code null} becomes {@code null}; {@code
 * Boolean}, {@code String}, {@code Character} and numbers become primitives ({@code BigInteger} a
 * {@code bigint}, the other {@code Number}s a {@code number}); {@code Map}s with
 * string keys become plain objects, {@code java.time.Instant}s {@code Date}s (to the millisecond; one
 * outside a {@code Date}'s range is rejected), and {@code List}s and arrays become arrays, copied deeply (shared
 * and cyclic references keep their shape: a {@code Map} that contains itself becomes an object that does);
 * {@link HostFunction}s become callable functions; {@link JsFunction}s of the same context pass
 * through unchanged. Anything else is rejected with an {@link InvalidArgumentException}.
 *
 * <p>Values returned to Java are copied the other way: {@code undefined} and {@code null} become
 * {@code null}; booleans {@code Boolean}; numbers {@code Integer} when they are integral and fit,
 * {@code Long} for larger integral values up to 2<sup>53</sup>, otherwise {@code Double}; bigints
 * {@code BigInteger}; strings {@code String}; symbols their description string ({@code
 * "Symbol(x)"}); arrays unmodifiable {@code List}s; functions {@link JsFunction} handles bound to
 * their context; valid dates {@code java.time.Instant}, invalid ones {@code null} (as in JSON); an
 * array behind a {@code Proxy} a {@code List} too (read through its traps); every other object an unmodifiable {@code Map} of
 * its own enumerable string-keyed properties in property order. Copies are deep; shared and cyclic
 * references keep their shape (the same Java object appears again), and their {@code toString},
 * {@code hashCode} and {@code equals} terminate: a value met again while it is being printed prints
 * as {@code [Circular]}, and two cyclic copies are equal when they have the same shape and values.
 * They take time linear in the copy, also for a value shared along many paths (forty arrays each
 * holding the next one twice); since the text repeats each occurrence, it is cut with {@code ...}
 * after about a million characters. No engine object ever escapes.
 * A conversion is part of its run: it counts toward the run's timeout, and a value with more than
 * ten million elements and properties in total fails with a {@link VmException} instead of
 * exhausting the heap.
 */
public interface Vm extends AutoCloseable {

    /**
     * Creates a {@code Vm} from the engine found on the class or module path.
     *
     * @throws IllegalStateException when no engine implementation is present
     */
    static Vm create() {
        return create(VmOptions.defaults());
    }

    /**
     * Creates a {@code Vm} with {@code options} from the engine found on the class or module path.
     *
     * @throws NullPointerException when {@code options} is {@code null}
     * @throws IllegalStateException when no engine implementation is present
     */
    static Vm create(VmOptions options) {
        Checks.notNull(options, "options");
        return ServiceLoader.load(VmProvider.class, Vm.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "No io.github.jsvm engine found: add the jsvm-engine artifact to the class or module path"))
                .create(options);
    }

    /**
     * Compiles {@code code} with default options (see {@link #compile(String, ScriptOptions)}).
     *
     * @throws NullPointerException when {@code code} is {@code null}
     * @throws ScriptSyntaxException when {@code code} is not valid JavaScript
     * @throws VmClosedException when this {@code Vm} is closed
     */
    default Script compile(String code) {
        return compile(code, ScriptOptions.defaults());
    }

    /**
     * Compiles a script. The script is parsed now, so syntax errors surface here, and the compiled
     * code is shared by every context the script later runs in. With the compile cache on (see
     * {@link ScriptCacheOptions}), compiling the same code with equal options again (the same hook
     * object included) returns the same {@code Script} while it is cached; its import referrer is that
     * {@code Script}. Unlike Node, a custom hook does not prevent a cache hit.
     *
     * @throws NullPointerException when an argument is {@code null}
     * @throws ScriptSyntaxException when {@code code} is not valid JavaScript
     * @throws VmClosedException when this {@code Vm} is closed
     */
    Script compile(String code, ScriptOptions options);

    /**
     * Creates a context with no extra globals and default options.
     *
     * @throws VmClosedException when this {@code Vm} is closed
     */
    default VmContext createContext() {
        return createContext(Map.of(), ContextOptions.defaults());
    }

    /**
     * Creates a context whose global object starts with {@code globals} and default options.
     *
     * @throws NullPointerException when {@code globals} is {@code null}
     * @throws InvalidArgumentException when a global's key is {@code null}, its value cannot be
     *     converted, or it names a read-only built-in
     * @throws VmClosedException when this {@code Vm} is closed
     */
    default VmContext createContext(Map<String, ?> globals) {
        return createContext(globals, ContextOptions.defaults());
    }

    /**
     * Creates a context: a fresh global object with its own built-ins, plus {@code globals} copied in
     * as global properties. The caller owns the context and should close it; a context that becomes
     * unreachable without being closed is closed automatically after garbage collection.
     *
     * @throws NullPointerException when an argument is {@code null}
     * @throws InvalidArgumentException when a global's key is {@code null}, its value cannot be
     *     converted, or it names a read-only built-in
     * @throws VmClosedException when this {@code Vm} is closed
     */
    VmContext createContext(Map<String, ?> globals, ContextOptions options);

    /** Whether {@code candidate} is a live or closed context created by this {@code Vm}. */
    boolean isContext(Object candidate);

    /**
     * Compiles a function body with the given parameter names, as Node's {@code vm.compileFunction}.
     * The function is created in {@code options.parsingContext()}, or in this {@code Vm}'s main
     * context (created on first use, shared by all such functions, closed with the {@code Vm}).
     *
     * @throws NullPointerException when an argument or a parameter name is {@code null}
     * @throws InvalidArgumentException when a parameter name is not a JavaScript identifier, or
     *     {@code options.parsingContext()} belongs to another {@code Vm}
     * @throws ScriptSyntaxException when the body is not a valid function body
     * @throws VmClosedException when this {@code Vm} is closed
     * @throws ContextClosedException when the parsing context is closed
     * @throws ContextBusyException when the parsing context is running code on another thread
     */
    JsFunction compileFunction(String body, List<String> params, FunctionOptions options);

    /**
     * Creates an ES module from source text, as Node's {@code new vm.SourceTextModule(code, options)}.
     * The text is parsed now.
     *
     * @throws NullPointerException when an argument is {@code null}
     * @throws ScriptSyntaxException when {@code code} is not a valid module
     * @throws InvalidArgumentException when {@code options.context()} belongs to another {@code Vm}
     * @throws VmClosedException when this {@code Vm} is closed
     */
    SourceTextModule sourceTextModule(String code, ModuleOptions options);

    /**
     * Creates a module whose exports are set from Java, as Node's {@code new vm.SyntheticModule}.
     *
     * @param exportNames the export names: distinct, well-formed UTF-16 strings (any name, not only identifiers)
     * @param evaluator called once when the module is evaluated, to {@link SyntheticModule#setExport set} exports;
     *     {@code null} for none (the exports keep what {@code setExport} set, or undefined)
     * @throws NullPointerException when {@code exportNames}, one of its names or {@code options} is {@code null}
     * @throws InvalidArgumentException when a name repeats or is not well-formed UTF-16 (an unpaired
     *     surrogate), or {@code options.context()} belongs to another {@code Vm}
     * @throws VmClosedException when this {@code Vm} is closed
     */
    SyntheticModule syntheticModule(List<String> exportNames, SyntheticModule.@Nullable Evaluator evaluator, ModuleOptions options);

    /**
     * Creates a synthetic module whose evaluation step is asynchronous, as a Node {@code evaluateCallback}
     * returning a promise: evaluation completes when the evaluator's stage completes, and the run
     * that evaluates the module (its {@code evaluate}, or the guest's {@code import()}) waits for it
     * within its limits.
     *
     * @param exportNames the export names: distinct, well-formed UTF-16 strings (any name, not only identifiers)
     * @param evaluator as for {@link #syntheticModule}; {@code null} for none
     * @throws NullPointerException when {@code exportNames}, one of its names or {@code options} is {@code null}
     * @throws InvalidArgumentException when a name repeats or is not well-formed UTF-16 (an unpaired
     *     surrogate), or {@code options.context()} belongs to another {@code Vm}
     * @throws VmClosedException when this {@code Vm} is closed
     */
    SyntheticModule asyncSyntheticModule(List<String> exportNames, SyntheticModule.@Nullable AsyncEvaluator evaluator,
            ModuleOptions options);

    /**
     * Creates a JSON module: its default export is the value of {@code json}, parsed when the module
     * is evaluated. Import it {@code with { type: 'json' }}; GraalJS rejects it otherwise.
     *
     * @throws NullPointerException when an argument is {@code null}
     * @throws ScriptSyntaxException when {@code json} is not valid JSON
     * @throws InvalidArgumentException when {@code options.context()} belongs to another {@code Vm}
     * @throws VmClosedException when this {@code Vm} is closed
     */
    Module.Json jsonModule(String json, ModuleOptions options);

    /** The compile cache's counters (all zero when the cache is disabled). */
    ScriptCacheStats scriptCacheStats();

    /**
     * What this {@code Vm} has done since it was created (runs, stops, contexts, hook calls, the
     * compile cache); also after it was closed, for a final reading.
     */
    VmStats stats();

    /**
     * Describes the engine, including whether JavaScript is compiled to machine code.
     *
     * @throws VmClosedException when this {@code Vm} is closed
     */
    RuntimeInfo runtimeInfo();

    /** Closes all contexts of this {@code Vm} (cancelling running code) and frees the engine. Idempotent. */
    @Override
    void close();
}
