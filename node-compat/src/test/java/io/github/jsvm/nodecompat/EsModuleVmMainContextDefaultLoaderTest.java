package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.FunctionOptions;
import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.JsFunction;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node's checks of {@code vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER}: {@code import()} in a script or
 * compiled function with that constant as hook, or in code eval'd in a context created with it, loads
 * user modules from disk: a missing file rejects with ERR_MODULE_NOT_FOUND, a present one resolves to
 * its namespace.
 *
 * <p>jsvm's counterpart is {@link ImportModuleDynamically#DEFAULT_LOADER}, which reads below the
 * context's {@link ContextOptions#moduleRoot() module root} (a library has no working directory). Node
 * resolves {@code ./message.mjs} against the script's filename when it is a path or file URL, else
 * against the working directory; Node's test keeps both in one temporary directory, which here is the
 * module root, and each filename variant of Node's test (an absolute path, a file URL with a search
 * part, none, and a non-path name) is run against it. Node's fixture {@code es-modules/message.mjs} is
 * written there as {@code export const message = 'A message';}. The promises are settled by guest code
 * within the run.
 */
@NodeTest("test/es-module/test-vm-main-context-default-loader.js")
@Inexpressible(assertion = "USE_MAIN_CONTEXT_DEFAULT_LOADER is a symbol", reason = "the Java counterpart is a constant ImportModuleDynamically object")
@Inexpressible(assertion = "using USE_MAIN_CONTEXT_DEFAULT_LOADER emits an ExperimentalWarning",
        reason = "process warnings: a library has no process")
@Inexpressible(assertion = "the test runs without --experimental-vm-modules",
        reason = "Node's command-line flags: jsvm has none")
@Inexpressible(assertion = "import('fs') from a script and a compiled function with the loader gives Node's fs module",
        reason = "no Node built-in modules exist in a jsvm context")
class EsModuleVmMainContextDefaultLoaderTest extends NodeVmTest {
    static final String MESSAGE_MODULE = "export const message = 'A message';";
    static final String RECORD_OUTCOME = ".then((ns) => { globalThis.outcome = [Object.prototype.toString.call(ns), Object.keys(ns), ns.message]; },"
            + " (e) => { globalThis.outcome = ['rejected', e.code]; })";
    static final List<Object> NAMESPACE = List.of("[object Module]", List.of("message"), "A message");
    static final List<Object> NOT_FOUND = List.of("rejected", "ERR_MODULE_NOT_FOUND");

    /** The filenames of Node's test: an absolute path, a file URL with a search part, none (the default), and a non-path name. */
    private static List<String> filenames(Path root) {
        return List.of(root.resolve("index.js").toString(), root.resolve("index.js").toUri() + "?t=1",
                ScriptOptions.DEFAULT_FILENAME, "non-path");
    }

    static VmContext contextWithRoot(Vm vm, Path root, ImportModuleDynamically contextHook) {
        return vm.createContext(Map.of(), ContextOptions.builder().moduleRoot(root).importModuleDynamically(contextHook).build());
    }

    private static Object scriptImport(Path root, String filename) {
        try (VmContext context = contextWithRoot(vm, root, ImportModuleDynamically.NONE)) {
            vm.compile("import(\"./message.mjs\")" + RECORD_OUTCOME, ScriptOptions.builder().filename(filename)
                    .importModuleDynamically(ImportModuleDynamically.DEFAULT_LOADER).build()).runInContext(context);
            return context.global("outcome");
        }
    }

    private static Object functionImport(Path root, String filename) {
        try (VmContext context = contextWithRoot(vm, root, ImportModuleDynamically.NONE)) {
            JsFunction function = vm.compileFunction("return import(\"./message.mjs\")", List.of(), FunctionOptions.builder()
                    .filename(filename).parsingContext(context).importModuleDynamically(ImportModuleDynamically.DEFAULT_LOADER).build());
            context.setGlobal("imported", function);
            vm.compile("imported()" + RECORD_OUTCOME).runInContext(context);
            return context.global("outcome");
        }
    }

    private static List<Object> forEachFilename(Path root, java.util.function.BiFunction<Path, String, Object> importer) {
        List<Object> outcomes = new ArrayList<>();
        for (String filename : filenames(root)) {
            outcomes.add(importer.apply(root, filename));
        }
        return outcomes;
    }

    @Test
    @DisplayName("test-vm-main-context-default-loader.js: testNotFoundErrors: a script's import() of a missing ./message.mjs rejects with ERR_MODULE_NOT_FOUND, for every filename")
    void scriptImportOfAMissingFileRejects(@TempDir Path root) {
        assertThat(forEachFilename(root, EsModuleVmMainContextDefaultLoaderTest::scriptImport)).containsOnly(NOT_FOUND).hasSize(4);
    }

    @Test
    @DisplayName("test-vm-main-context-default-loader.js: testNotFoundErrors: a compiled function's import() of a missing ./message.mjs rejects with ERR_MODULE_NOT_FOUND, for every filename")
    void functionImportOfAMissingFileRejects(@TempDir Path root) {
        assertThat(forEachFilename(root, EsModuleVmMainContextDefaultLoaderTest::functionImport)).containsOnly(NOT_FOUND).hasSize(4);
    }

    @Test
    @DisplayName("test-vm-main-context-default-loader.js: testLoader: a script's import() of ./message.mjs gives the module's namespace, for every filename")
    void scriptImportLoadsTheFile(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("message.mjs"), MESSAGE_MODULE);
        assertThat(forEachFilename(root, EsModuleVmMainContextDefaultLoaderTest::scriptImport)).containsOnly(NAMESPACE).hasSize(4);
    }

    @Test
    @DisplayName("test-vm-main-context-default-loader.js: testLoader: a compiled function's import() of ./message.mjs gives the module's namespace, for every filename")
    void functionImportLoadsTheFile(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("message.mjs"), MESSAGE_MODULE);
        assertThat(forEachFilename(root, EsModuleVmMainContextDefaultLoaderTest::functionImport)).containsOnly(NAMESPACE).hasSize(4);
    }

    @Test
    @DisplayName("test-vm-main-context-default-loader.js: in a context created with the loader, an eval'd import() of a missing file rejects with ERR_MODULE_NOT_FOUND")
    void contextLoaderEvalImportOfAMissingFileRejects(@TempDir Path root) {
        try (VmContext context = contextWithRoot(vm, root, ImportModuleDynamically.DEFAULT_LOADER)) {
            vm.compile("Promise.resolve(\"import('./message.mjs')\").then(eval)" + RECORD_OUTCOME, ScriptOptions.builder()
                    .importModuleDynamically(MustNotCall.HOOK).build()).runInContext(context);
            assertThat(context.global("outcome")).isEqualTo(NOT_FOUND);
        }
    }

    @Test
    @DisplayName("test-vm-main-context-default-loader.js: in a context created with the loader, an eval'd import() of ./message.mjs gives its namespace")
    void contextLoaderEvalImportLoadsTheFile(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("message.mjs"), MESSAGE_MODULE);
        try (VmContext context = contextWithRoot(vm, root, ImportModuleDynamically.DEFAULT_LOADER)) {
            vm.compile("Promise.resolve(\"import('./message.mjs')\").then(eval)" + RECORD_OUTCOME, ScriptOptions.builder()
                    .importModuleDynamically(MustNotCall.HOOK).build()).runInContext(context);
            assertThat(context.global("outcome")).isEqualTo(NAMESPACE);
        }
    }

    /** Node's common.mustNotCall() as a hook: calling it fails the import, and so the test. */
    static final class MustNotCall {
        static final ImportModuleDynamically HOOK = (specifier, referrer, attributes) -> {
            throw new AssertionError("the script's own hook must not be called");
        };

        private MustNotCall() {}
    }
}
