package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.RunOptions;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.VmContext;
import io.github.jsvm.VmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of source text and option combinations: every case must end with a result or a
 * documented exception (a {@link VmException} subclass), never another exception type, a crash or
 * a hang (every run is limited); every exception has a message and carries no engine exception or
 * library bug (an NPE, an IllegalStateException) as its cause; after every case the context still
 * answers {@code 1 + 1}.
 */
class FuzzTest extends SharedVmTest {
    private static final long SEED = 20261126L;
    private static final int CASES = 3000;
    private static final String[] PIECES = {
        "function", "f", "(", ")", "{", "}", "[", "]", "=>", "import(", "'x'", "\"y\"", "1e308", "-0", "NaN",
        "'\\u{10FFFF}'", "`a${", "}`", "/re/g", "new Proxy({}, {})", "async", "await", "yield", "class", "extends",
        "super", "with", "eval", "while (true) {}", "throw 1", ";", ",", "\n", "\uD800", "\u0000", "/*", "*/", "//",
        "'", "\"", "`", "42", "x", "let", "const", "var", "return", "Symbol()", "10n", "...", "?.", "??", "#p", "@",
        "\\", "import.meta", "export", "default", "new", "this", "arguments", "delete", "typeof", "in", "of", "=",
        "+", "*", "**", "globalThis", "Object.prototype.x = 1", "JSON.parse('[')", "'a'.repeat(1e6)", "[].constructor",
        "Error.prepareStackTrace = () => 1", "Promise.reject(1)", "queueMicrotask(() => { throw 2 })", "debugger",
        "label:", "break", "continue", "if", "else", "for", "switch", "case", "try", "catch", "finally", "\u2028",
    };

    private static final String[] STATEMENTS = {
        "x = input * 2", "globalThis.g = [1, 2, 3].map((v) => v * 2)", "import('m').catch((e) => e.message)",
        "eval('1 + 1')", "new Function('return 1')()", "while (true) {}", "for (let i = 0; i < 1e9; i++) {}",
        "let a = []; for (;;) a.push(new Array(1e5).fill(1))", "throw new TypeError('t')",
        "Object.defineProperty(globalThis, 'input', { get() { throw 1; } })", "Promise.reject(new Error('p'))",
        "queueMicrotask(() => { for (;;) {} })", "(function f() { f(); })()", "'x'.repeat(2 ** 30)",
        "new Proxy({}, { get() { throw 3; }, ownKeys() { throw 4; } })", "({ get a() { for (;;) {} } })", "[1, 2, 3]",
        "({ a: { b: { c: [] } } })", "Symbol('s')", "10n ** 100n", "new Date(NaN)", "new Date(8.64e15)", "new Map([[1, 2]])",
        "function* g() { yield 1; } g()", "async () => 1", "new ArrayBuffer(8)", "new Int8Array(4)", "Object.create(null)",
        "JSON.stringify(globalThis)", "delete globalThis.Object", "Object.prototype.toString = null",
        "Array.prototype[Symbol.iterator] = null", "this.constructor.constructor('return 1')()", "(() => { const o = {}; o.o = o; return o; })()",
        "new Array(2 ** 31)", "Object.freeze(globalThis)", "Error.prepareStackTrace = () => { throw 5; }; null.x",
        "import('data:text/javascript,export default 1')", "WeakRef", "new FinalizationRegistry(() => {})", "Atomics.wait",
        "[...Array(100000).keys()]", "'\uD800'", "String.fromCharCode(0xDC00, 0xD800)", "-0", "1 / 0", "-1 / 0",
        "Number.MAX_SAFE_INTEGER + 2", "2 ** 53", "0.1 + 0.2", "new Error('e', { cause: 1 })", "class A { #p = 1; } new A()",
    };

    @Test
    void randomSourcesAndOptionsEndWithAResultOrADocumentedException() {
        Random random = new Random(SEED);
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        Script onePlusOne = vm.compile("1 + 1");
        List<String> examples = new ArrayList<>();
        VmContext context = null;
        try {
            for (int i = 0; i < CASES; i++) {
                if (i % 200 == 0) {
                    if (context != null) {
                        context.close();
                    }
                    context = vm.createContext(Map.of("input", i), ContextOptions.builder()
                            .codeGenerationFromStrings(random.nextBoolean()).build());
                }
                String code = random.nextBoolean() ? source(random) : statements(random);
                ScriptOptions options = scriptOptions(random);
                RunOptions limits = RunOptions.builder().timeout(Duration.ofMillis(100 + random.nextInt(100)))
                        .cpuTimeLimit(Duration.ofMillis(150)).allocationLimit(64L << 20).build();
                String outcome;
                String problem = null;
                try {
                    Script script = vm.compile(code, options);
                    script.runInContext(context, limits);
                    outcome = "result";
                } catch (VmException documented) {
                    outcome = documented.getClass().getSimpleName();
                    if (documented.getClass() == VmException.class && examples.size() < 5) {
                        examples.add(documented.getMessage());
                    }
                    problem = problemWith(documented);
                } catch (RuntimeException | Error other) {
                    outcome = "UNDOCUMENTED";
                    problem = "undocumented " + other;
                }
                outcomes.merge(outcome, 1, Integer::sum);
                // Whatever the case did, the context still runs code.
                try {
                    Object followUp = onePlusOne.runInContext(context, RunOptions.withTimeout(Duration.ofSeconds(5)));
                    if (!Integer.valueOf(2).equals(followUp)) {
                        problem = (problem == null ? "" : problem + "; ") + "1 + 1 then gave " + followUp;
                    }
                } catch (RuntimeException | Error unusable) {
                    problem = (problem == null ? "" : problem + "; ") + "1 + 1 then failed: " + unusable;
                }
                if (problem != null) {
                    failures.add("case " + i + ": " + problem + " for " + code.replace("\n", "\\n"));
                }
            }
        } finally {
            if (context != null) {
                context.close();
            }
        }
        System.out.println("FUZZ outcomes over " + CASES + " cases (seed " + SEED + "): " + outcomes + "; plain VmException messages: " + examples);
        assertThat(failures).as(String.join("\n", failures.subList(0, Math.min(10, failures.size())))).isEmpty();
        assertThat(outcomes.keySet()).contains("result", "ScriptSyntaxException");
    }

    /**
     * What is wrong with a documented exception, or {@code null}: its message must say something, and
     * neither it nor its causes may be an engine type (exceptions hold no engine objects).
     */
    private static String problemWith(VmException e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            return e.getClass().getSimpleName() + " without a message";
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            String type = cause.getClass().getName();
            boolean hooksOwn = String.valueOf(cause.getMessage()).startsWith("fuzz hook refuses");
            if (!hooksOwn && (type.startsWith("org.graalvm.") || type.startsWith("com.oracle.") || cause instanceof NullPointerException
                    || cause instanceof IllegalStateException)) {
                return e.getClass().getSimpleName() + " caused by " + cause;
            }
        }
        return null;
    }

    private static String statements(Random random) {
        StringBuilder code = new StringBuilder();
        int length = 1 + random.nextInt(4);
        for (int i = 0; i < length; i++) {
            code.append(i == 0 ? "" : ";\n").append(STATEMENTS[random.nextInt(STATEMENTS.length)]);
        }
        return code.toString();
    }

    private static String source(Random random) {
        StringBuilder code = new StringBuilder();
        int length = 1 + random.nextInt(24);
        for (int i = 0; i < length; i++) {
            code.append(PIECES[random.nextInt(PIECES.length)]).append(random.nextInt(4) == 0 ? "" : " ");
        }
        return code.toString();
    }

    private static ScriptOptions scriptOptions(Random random) {
        String[] filenames = {"a.js", "", "dir/../x.js", "a\nb", "\uD800", "file:///etc/passwd", "x".repeat(300)};
        ImportModuleDynamically[] hooks = {
            ImportModuleDynamically.NONE, ImportModuleDynamically.DEFAULT_LOADER,
            (specifier, referrer, attributes) -> {
                throw new IllegalStateException("fuzz hook refuses " + specifier);
            },
            (specifier, referrer, attributes) -> "garbage",
        };
        int[] offsets = {0, 1, -1, 1000, -1000, Integer.MAX_VALUE, Integer.MIN_VALUE};
        return ScriptOptions.builder()
                .filename(filenames[random.nextInt(filenames.length)])
                .lineOffset(offsets[random.nextInt(offsets.length)])
                .columnOffset(offsets[random.nextInt(offsets.length)])
                .importModuleDynamically(hooks[random.nextInt(hooks.length)])
                .build();
    }
}
