package io.github.jsvm.benchmarks;

import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The real-library rows: one simulated test file of a test runner that loads a widely used npm package
 * (its UMD build, from the package's WebJar on the class path) into a fresh context, runs a small
 * workload with it and closes the context. For jsvm with the library compiled from the cache
 * ({@code *TestFile_jsvm}) and with a new import hook per test file, both compiles ({@code
 * *TestFileNewHook_jsvm}), and for raw GraalJS on a shared engine with the same {@code Source}
 * objects ({@code *TestFile_raw}). Node's peers are the {@code libraries} group of
 * {@code benchmarks/node/vm-bench.js}, which reads the files {@link RunBenchmarks} writes with
 * {@link #writeLibraries}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LibraryBenchmarks {

    /**
     * A library: its name (the row's prefix), its file inside the WebJar, and a workload script that
     * uses the global the library's UMD wrapper defines and ends with a number.
     */
    record Library(String name, String resource, String workload) {
        String code() {
            try (InputStream in = LibraryBenchmarks.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is not on the class path (the WebJar dependency)");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String filename() {
            return resource.substring(resource.lastIndexOf('/') + 1);
        }
    }

    private static final String WEBJARS = "META-INF/resources/webjars/";

    static final List<Library> LIBRARIES = List.of(
            new Library("lodash", WEBJARS + "lodash/4.17.21/lodash.js",
                    "_.sortBy(_.filter(_.map(_.range(1000), function (i) { return { id: i, v: (i * 7919) % 1000 }; }),\n"
                            + "    function (o) { return o.v % 2 === 0; }), 'v').length;\n"),
            new Library("marked", WEBJARS + "marked/4.3.0/marked.min.js",
                    "marked.parse(" + quote(markdown()) + ").length;\n"),
            new Library("acorn", WEBJARS + "acorn/8.11.3/dist/acorn.js",
                    "acorn.parse(" + quote(JsvmBenchmarks.source(2)) + ", { ecmaVersion: 2022 }).body.length;\n"));

    /** A markdown document of about 1 KB: headings, paragraphs with emphasis and links, lists, code, a quote. */
    static String markdown() {
        StringBuilder doc = new StringBuilder("# Release notes\n\n");
        for (int i = 1; i <= 3; i++) {
            doc.append("## Section ").append(i).append("\n\nSome *emphasised* and **strong** text with a [link](https://example.com/")
                    .append(i).append(") and `inline code`.\n\n- first item\n- second item with _emphasis_\n- third\n\n");
        }
        return doc.append("```js\nconst x = 1;\nconsole.log(x);\n```\n\n> A quote\n> over two lines.\n\n1. one\n2. two\n").toString();
    }

    /** {@code text} as a JavaScript string literal. */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    /** Writes each library's code and workload as {@code <name>.lib.js} and {@code <name>.workload.js}, for Node. */
    static void writeLibraries(java.nio.file.Path directory) throws IOException {
        java.nio.file.Files.createDirectories(directory);
        for (Library library : LIBRARIES) {
            java.nio.file.Files.writeString(directory.resolve(library.name() + ".lib.js"), library.code());
            java.nio.file.Files.writeString(directory.resolve(library.name() + ".workload.js"), library.workload());
        }
    }

    /**
     * One library's Vm, raw engine and compiled code. One state per library, so that a fork loads only
     * the library it measures (the first compile of a large library in a fresh JVM takes seconds).
     */
    abstract static class LibraryState {
        private Vm vm;
        private Library library;
        private String code;
        private Script compiled;
        private Script workload;
        private Engine rawEngine;
        private Source rawLibrary;
        private Source rawWorkload;

        void open(int index) {
            library = LIBRARIES.get(index);
            vm = Vm.create();
            rawEngine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
            code = library.code();
            compiled = vm.compile(code, ScriptOptions.builder().filename(library.filename()).build());
            workload = vm.compile(library.workload(), ScriptOptions.builder().filename(library.name() + "-test.js").build());
            rawLibrary = Source.newBuilder("js", code, library.filename()).buildLiteral();
            rawWorkload = Source.newBuilder("js", library.workload(), library.name() + "-test.js").buildLiteral();
            // Each variant must produce a positive number, or the row measures a failure.
            check(testFile());
            check(testFileNewHook());
            check(rawTestFile());
        }

        private void check(Object result) {
            if (!(result instanceof Number number) || number.intValue() <= 0) {
                throw new IllegalStateException(library.name() + "'s workload returned " + result);
            }
        }

        void close() {
            vm.close();
            rawEngine.close();
        }

        /** A test file: a fresh context, the library from the compile cache, run, the workload, close. */
        Object testFile() {
            try (VmContext context = vm.createContext()) {
                vm.compile(code, compiled.options()).runInContext(context);
                return workload.runInContext(context);
            }
        }

        /** The same with a new hook object for the test file, given to both of its compiles (what test runners do). */
        Object testFileNewHook() {
            try (VmContext context = vm.createContext()) {
                ImportModuleDynamically hook = (specifier, referrer, attributes) -> {
                    throw new IllegalStateException("not called in " + context);
                };
                vm.compile(code, compiled.options().toBuilder().importModuleDynamically(hook).build()).runInContext(context);
                return vm.compile(library.workload(), workload.options().toBuilder().importModuleDynamically(hook).build())
                        .runInContext(context);
            }
        }

        /** Raw GraalJS: a fresh context on the shared engine, the same Source objects (its code cache hits). */
        Object rawTestFile() {
            try (Context context = Context.newBuilder("js").engine(rawEngine).build()) {
                context.eval(rawLibrary);
                return context.eval(rawWorkload).asInt();
            }
        }
    }

    @State(Scope.Benchmark)
    public static class Lodash extends LibraryState {
        @Setup
        public void setUp() {
            open(0);
        }

        @TearDown
        public void tearDown() {
            close();
        }
    }

    @State(Scope.Benchmark)
    public static class Marked extends LibraryState {
        @Setup
        public void setUp() {
            open(1);
        }

        @TearDown
        public void tearDown() {
            close();
        }
    }

    @State(Scope.Benchmark)
    public static class Acorn extends LibraryState {
        @Setup
        public void setUp() {
            open(2);
        }

        @TearDown
        public void tearDown() {
            close();
        }
    }

    @Benchmark
    public Object lodashTestFile_jsvm(Lodash state) {
        return state.testFile();
    }

    @Benchmark
    public Object lodashTestFileNewHook_jsvm(Lodash state) {
        return state.testFileNewHook();
    }

    @Benchmark
    public Object lodashTestFile_raw(Lodash state) {
        return state.rawTestFile();
    }

    @Benchmark
    public Object markedTestFile_jsvm(Marked state) {
        return state.testFile();
    }

    @Benchmark
    public Object markedTestFileNewHook_jsvm(Marked state) {
        return state.testFileNewHook();
    }

    @Benchmark
    public Object markedTestFile_raw(Marked state) {
        return state.rawTestFile();
    }

    @Benchmark
    public Object acornTestFile_jsvm(Acorn state) {
        return state.testFile();
    }

    @Benchmark
    public Object acornTestFileNewHook_jsvm(Acorn state) {
        return state.testFileNewHook();
    }

    @Benchmark
    public Object acornTestFile_raw(Acorn state) {
        return state.rawTestFile();
    }
}
