package io.github.jsvm.jsr223;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.FunctionOptions;
import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.JsFunction;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.script.Bindings;
import javax.script.ScriptContext;
import org.jspecify.annotations.Nullable;

/**
 * The sandboxed context behind one engine-scope {@link Bindings}, and the copying between the two
 * around each run: the {@link JsvmScriptEngine} rule, implemented. Runs take turns; the realm owns its
 * context.
 */
final class Realm implements AutoCloseable {
    /* Parameter names never copied either way: they configure the engine, they are not globals. */
    private static final String PARAMETER_PREFIX = "javax.script.";

    /*
     * Returns a function that snapshots the global object and returns a function listing what changed
     * since: names to read back (new, reassigned, or holding an object, which may have changed in
     * place) and names deleted. Only data properties count: an accessor is never read, since reading it
     * would run guest code (a getter that throws or loops) outside any eval; a name that became one is
     * dropped from the bindings. The built-ins it uses are captured before any user code can replace them.
     */
    private static final String SNAPSHOT_FACTORY = """
            const keys = Object.keys, is = Object.is, hasOwn = Object.hasOwn, describe = Object.getOwnPropertyDescriptor;
            const global = globalThis, Snapshot = Map;
            return () => {
              const before = new Snapshot();
              for (const name of keys(global)) {
                const property = describe(global, name);
                if (property !== undefined && hasOwn(property, 'value')) before.set(name, property.value);
              }
              return () => {
                const read = [], deleted = [];
                for (const name of keys(global)) {
                  const property = describe(global, name);
                  if (property === undefined || !hasOwn(property, 'value')) {
                    if (before.has(name)) deleted.push(name);
                    continue;
                  }
                  const value = property.value;
                  if (!before.has(name) || !is(before.get(name), value) || (typeof value === 'object' && value !== null)) {
                    read.push(name);
                  }
                }
                for (const name of before.keys()) if (!hasOwn(global, name)) deleted.push(name);
                return [read, deleted];
              };
            };
            """;

    private final Vm vm;
    private final VmContext context;
    private final JsFunction snapshot;
    private @Nullable JsFunction applier;
    /* For each name copied in or read back, the Java object the bindings held for it then: unchanged bindings are not copied again. */
    private final Map<String, Object> synced = new HashMap<>();
    private volatile @Nullable ScriptContext current;

    Realm(Vm vm, ContextOptions base) {
        ContextOptions options = base.toBuilder()
                .consoleOutput(new WriterOutputStream(() -> writer(false)))
                .consoleError(new WriterOutputStream(() -> writer(true)))
                .build();
        this.vm = vm;
        this.context = vm.createContext(Map.of(), options);
        try {
            JsFunction factory = vm.compileFunction(SNAPSHOT_FACTORY, List.of(),
                    FunctionOptions.builder().filename("jsvm-jsr223-bindings.js").parsingContext(context).build());
            this.snapshot = (JsFunction) Objects.requireNonNull(factory.call(), "the snapshot factory returns a function");
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** What a run does in the realm's {@link #context() context}. */
    @FunctionalInterface
    interface Action {
        @Nullable Object run(Realm realm) throws Exception;
    }

    /**
     * Copies the bindings of {@code scriptContext} in, runs {@code action}, and copies what the run
     * changed back into its engine scope, even when the action fails.
     */
    synchronized @Nullable Object run(ScriptContext scriptContext, Action action) throws Exception {
        current = scriptContext;
        Object result;
        try {
            copyIn(scriptContext);
            JsFunction changes = (JsFunction) Objects.requireNonNull(snapshot.call(), "the snapshot returns a function");
            try {
                result = action.run(this);
            } catch (Exception failure) {
                try {
                    copyOut(scriptContext, changes);
                } catch (RuntimeException secondary) {
                    failure.addSuppressed(secondary);
                }
                throw failure;
            }
            copyOut(scriptContext, changes);
        } catch (Exception | Error failure) {
            // A writer that cannot flush must not hide why the run failed.
            try {
                flushOutput(scriptContext);
            } catch (RuntimeException secondary) {
                failure.addSuppressed(secondary);
            }
            throw failure;
        } finally {
            current = null;
        }
        flushOutput(scriptContext);
        return result;
    }

    private static void flushOutput(ScriptContext scriptContext) {
        flush(scriptContext.getWriter());
        flush(scriptContext.getErrorWriter());
    }

    /** The realm's context, for the action of a {@link #run run}. */
    VmContext context() {
        return context;
    }

    /** Calls {@code method} with a copy of {@code self} as {@code this}; only within a {@link #run run}. */
    @Nullable Object apply(JsFunction method, Object self, List<@Nullable Object> args) {
        JsFunction applier = this.applier;
        if (applier == null) {
            applier = vm.compileFunction("return Reflect.apply(method, self, args);", List.of("method", "self", "args"),
                    FunctionOptions.builder().filename("jsvm-jsr223-invoke.js").parsingContext(context).build());
            this.applier = applier;
        }
        return applier.call(method, self, args);
    }

    private void copyIn(ScriptContext scriptContext) {
        Map<String, Object> effective = visibleBindings(scriptContext);
        synced.keySet().removeIf(name -> {
            if (effective.containsKey(name)) {
                return false;
            }
            context.globalObject().delete(name);
            return true;
        });
        for (Map.Entry<String, Object> binding : effective.entrySet()) {
            String name = binding.getKey();
            Object value = binding.getValue();
            if (synced.containsKey(name) && synced.get(name) == value) {
                continue;
            }
            try {
                context.setGlobal(name, value);
            } catch (InvalidArgumentException e) {
                throw new BindingException(name, value, e);
            }
            synced.put(name, value);
        }
    }

    /* Every scope's bindings, the engine scope winning over lower-priority scopes, parameters left out. */
    private static Map<String, Object> visibleBindings(ScriptContext scriptContext) {
        List<Integer> scopes = new ArrayList<>(scriptContext.getScopes());
        scopes.sort((a, b) -> Integer.compare(b, a));
        Map<String, Object> effective = new LinkedHashMap<>();
        for (int scope : scopes) {
            Bindings bindings = scriptContext.getBindings(scope);
            if (bindings != null) {
                bindings.forEach((name, value) -> {
                    if (!name.startsWith(PARAMETER_PREFIX)) {
                        effective.put(name, value);
                    }
                });
            }
        }
        return effective;
    }

    private void copyOut(ScriptContext scriptContext, JsFunction changes) {
        Bindings engineScope = scriptContext.getBindings(ScriptContext.ENGINE_SCOPE);
        List<?> changed = (List<?>) Objects.requireNonNull(changes.call(), "the changes are a list");
        for (Object name : (List<?>) changed.get(0)) {
            String key = (String) name;
            if (!key.startsWith(PARAMETER_PREFIX)) {
                Object value = context.global(key);
                engineScope.put(key, value);
                synced.put(key, value);
            }
        }
        for (Object name : (List<?>) changed.get(1)) {
            engineScope.remove(name);
            synced.remove(name);
        }
    }

    private @Nullable Writer writer(boolean errors) {
        ScriptContext run = current;
        if (run == null) {
            return null;
        }
        return errors ? run.getErrorWriter() : run.getWriter();
    }

    private static void flush(Writer writer) {
        if (writer != null) {
            try {
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
