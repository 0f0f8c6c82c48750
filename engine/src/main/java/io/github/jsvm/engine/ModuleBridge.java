package io.github.jsvm.engine;

import java.lang.ref.WeakReference;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.jspecify.annotations.Nullable;

/**
 * The protocol between module code and Java in one context, end to end: the calls the library
 * writes into a module's text ({@link #startedCall}, {@link #doneCall}, {@link #metaCall},
 * {@link #syntheticCall}), the guest object that receives them, and the bootstrap that evaluates the
 * root of a graph and reports how it settled.
 *
 * <p>The guest object sits under a hidden global, random per JVM and not enumerable, but a guest can
 * still find it with {@code getOwnPropertyNames} and call it with anything. So every call is checked
 * here, explicitly: a module's calls name it by its {@linkplain #newToken() token}, a random string
 * written only into that module's own text (and, for a text shared across contexts, into the same
 * text in other contexts: see {@link SharedModuleTexts}), so code elsewhere (another module, a
 * script) cannot name it, not even through a function the module itself calls. A call with the
 * wrong shape (arguments, types, a token of no module of this context, a module of the wrong kind) is a guest
 * {@code TypeError}; the module then checks the call against its state, so a repeated call fails or
 * changes nothing. Anything else thrown while serving a call is a library bug and surfaces as one,
 * not as a guest error. The token replaces a walk of the guest stack per call (which also could
 * not tell the module's code from a function another module handed it).
 */
final class ModuleBridge {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HOST = "$jsvm$host_" + HexFormat.of().formatHex(RANDOM.generateSeed(8));
    /*
     * What the bootstrap imports. Always the same specifier, resolved to the module being evaluated:
     * GraalJS keeps the last source imported under each specifier alive for as long as the importing
     * code lives, and the bootstrap's code lives as long as the engine.
     */
    static final String EVALUATED_SPECIFIER = "jsvm:evaluated-module";
    private static final Source BRIDGE = Source.newBuilder(SourceOrigin.LANGUAGE, """
            (function (started, done, synthetic, meta, settled) {
              'use strict';
              const freeze = Object.freeze;
              const keys = Object.keys;
              const defineProperty = Object.defineProperty;
              const apply = Reflect.apply;
              const then = Promise.prototype.then;
              // A global property rather than a lexical binding: GraalJS modules do not see global lexical bindings.
              defineProperty(globalThis, '%1$s', { __proto__: null, enumerable: false, writable: false, configurable: false, value: freeze({
                __proto__: null,
                started(token, namespace) { started(token, namespace); },
                done(token) { done(token); },
                synthetic(token, setter) { synthetic(token, setter); },
                meta(importMeta, token) {
                  delete importMeta.url;
                  delete importMeta.resolve;
                  const properties = meta(token);
                  const names = keys(properties);
                  for (let i = 0; i < names.length; i++) {
                    defineProperty(importMeta, names[i], { __proto__: null, value: properties[names[i]],
                        writable: true, enumerable: true, configurable: true });
                  }
                },
              }) });
              return freeze({
                __proto__: null,
                evaluate(key, json) {
                  apply(then, json ? import('%2$s', { with: { type: 'json' } }) : import('%2$s'),
                      [(namespace) => settled(key, true, namespace), (error) => settled(key, false, error)]);
                },
              });
            })
            """.formatted(HOST, EVALUATED_SPECIFIER), SourceOrigin.INTERNAL_PREFIX + "modules.js").cached(true).buildLiteral();

    private volatile @Nullable Value bootstrap;
    /* The module the bootstrap is importing; set and read on the thread of the run. */
    private @Nullable String evaluating;

    /** A new module token: 128 random bits, as 22 characters that need no quoting in JavaScript. */
    static String newToken() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /**
     * The call, first in the text of the module with {@code key}, that tells Java its body started
     * (the namespace comes from a self-import).
     */
    static String startedCall(String key, String token) {
        String self = HOST + "_self";
        return "import * as " + self + " from " + JsStrings.quote(key) + "; " + HOST + ".started('" + token + "', " + self + ");";
    }

    /** The call, last in a module's text, that tells Java its body completed. */
    static String doneCall(String token) {
        return HOST + ".done('" + token + "');";
    }

    /** The call that fills a source text module's {@code import.meta} from its {@code ImportMetaInitializer}. */
    static String metaCall(String token) {
        return HOST + ".meta(import.meta, '" + token + "');";
    }

    /** The call that hands Java a synthetic module's export setter, a guest function {@code (index, value)}. */
    static String syntheticCall(String token, String setterFunction) {
        return HOST + ".synthetic('" + token + "', " + setterFunction + ");";
    }

    /**
     * Installs the guest side; must run inside the context's first run, before any user code, so that
     * the built-ins it captures are the original ones. Reaches {@code modules} only weakly: the bridge
     * lives in the engine's context, which must not keep the context wrapper alive.
     */
    void install(Context polyglot, ContextModules modules) {
        WeakReference<ContextModules> owner = new WeakReference<>(modules);
        bootstrap = polyglot.eval(BRIDGE).execute(
                call(owner, 2, (m, args) -> ownModule(m, args).started(args[1])),
                call(owner, 1, (m, args) -> ownModule(m, args).done()),
                call(owner, 2, (m, args) -> {
                    if (!args[1].canExecute()) {
                        throw new Misuse("the export setter is not a function");
                    }
                    return as(GraalSyntheticModule.class, ownModule(m, args)).instantiate(args[1]);
                }),
                call(owner, 1, (m, args) -> as(GraalSourceTextModule.class, ownModule(m, args)).importMeta()),
                call(owner, 3, (m, args) -> {
                    if (!args[1].isBoolean()) {
                        throw new Misuse("the outcome is not a boolean");
                    }
                    module(m, args).settled(args[1].asBoolean(), args[2]);
                    return null;
                }));
    }

    /** Starts evaluating {@code module}, the root of a graph; its {@link GraalModule#settled} reports the outcome. */
    void evaluate(GraalModule module, ContextRunner runner) {
        Value current = bootstrap;
        if (current == null) {
            throw runner.closedException();
        }
        evaluating = module.key();
        try {
            current.invokeMember("evaluate", module.key(), module instanceof GraalJsonModule);
        } finally {
            evaluating = null;
        }
    }

    /** The key of the module the bootstrap is importing, or {@code null}; what {@link #EVALUATED_SPECIFIER} resolves to. */
    @Nullable String evaluating() {
        return evaluating;
    }

    /** Drops the bootstrap; the context has closed. */
    void release() {
        bootstrap = null;
    }

    /** A bridge call whose shape no code the library generated could have produced. */
    private static final class Misuse extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Misuse(String message) {
            super(message, null, false, false);
        }
    }

    private interface Handler {
        @Nullable Object serve(ContextModules modules, Value[] args);
    }

    private static ProxyExecutable call(WeakReference<ContextModules> owner, int arity, Handler handler) {
        return args -> {
            ContextModules modules = owner.get();
            if (modules == null) {
                throw new IllegalStateException("the context was collected");
            }
            try {
                if (args.length != arity) {
                    throw new Misuse("expected " + arity + " arguments, got " + args.length);
                }
                return handler.serve(modules, args);
            } catch (Misuse misuse) {
                throw modules.converter().guestError("TypeError", "Invalid module bridge call: " + misuse.getMessage(), null);
            }
        };
    }

    private static GraalModule module(ContextModules modules, Value[] args) {
        if (!args[0].isString()) {
            throw new Misuse("the module key is not a string");
        }
        String key = args[0].asString();
        GraalModule module = modules.find(key);
        if (module == null) {
            throw new Misuse("no module " + JsStrings.quote(key) + " in this context");
        }
        return module;
    }

    /* Only a module's own generated calls report on it, named by its token: not another module's code, nor a script's. */
    private static GraalModule ownModule(ContextModules modules, Value[] args) {
        if (!args[0].isString()) {
            throw new Misuse("the module token is not a string");
        }
        String token = args[0].asString();
        GraalModule module = modules.findByToken(token);
        if (module == null) {
            GraalModule named = modules.find(token);
            throw new Misuse(named != null ? "only the code of " + named.identifier() + " reports on it"
                    : "no module of this context has the token " + JsStrings.quote(token));
        }
        return module;
    }

    private static <M extends GraalModule> M as(Class<M> kind, GraalModule module) {
        if (!kind.isInstance(module)) {
            throw new Misuse(module.identifier() + " is not a " + kind.getSimpleName().replace("Graal", ""));
        }
        return kind.cast(module);
    }
}
