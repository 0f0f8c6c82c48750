package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.VmContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node's check that an {@code import()} in code eval'd from a promise job (no script on the stack, so no
 * referrer) in a context created with {@code USE_MAIN_CONTEXT_DEFAULT_LOADER} loads from the working
 * directory: a missing file rejects with ERR_MODULE_NOT_FOUND, then, once the file is there, the import
 * gives its namespace. jsvm's counterpart is a context whose hook is
 * {@link ImportModuleDynamically#DEFAULT_LOADER}, reading below its module root, which stands for the
 * working directory. The script's own hook must not be called.
 */
@NodeTest("test/es-module/test-vm-main-context-default-loader-eval.js")
@Inexpressible(assertion = "USE_MAIN_CONTEXT_DEFAULT_LOADER is a symbol", reason = "the Java counterpart is a constant ImportModuleDynamically object")
@Inexpressible(assertion = "using USE_MAIN_CONTEXT_DEFAULT_LOADER emits an ExperimentalWarning",
        reason = "process warnings: a library has no process")
@Inexpressible(assertion = "the test runs without --experimental-vm-modules",
        reason = "Node's command-line flags: jsvm has none")
class EsModuleVmMainContextDefaultLoaderEvalTest extends NodeVmTest {
    private static final String EVAL_IMPORT = "Promise.resolve(\"import('./message.mjs')\").then(eval)";

    private static Object evalImport(Path root) {
        try (VmContext context = EsModuleVmMainContextDefaultLoaderTest.contextWithRoot(vm, root, ImportModuleDynamically.DEFAULT_LOADER)) {
            vm.compile(EVAL_IMPORT + EsModuleVmMainContextDefaultLoaderTest.RECORD_OUTCOME, ScriptOptions.builder()
                    .importModuleDynamically(EsModuleVmMainContextDefaultLoaderTest.MustNotCall.HOOK).build()).runInContext(context);
            return context.global("outcome");
        }
    }

    @Test
    @DisplayName("test-vm-main-context-default-loader-eval.js: an eval'd import() of a missing ./message.mjs rejects with ERR_MODULE_NOT_FOUND")
    void missingFileRejects(@TempDir Path root) {
        assertThat(evalImport(root)).isEqualTo(EsModuleVmMainContextDefaultLoaderTest.NOT_FOUND);
    }

    @Test
    @DisplayName("test-vm-main-context-default-loader-eval.js: once the file is there, the eval'd import() gives its namespace")
    void presentFileLoads(@TempDir Path root) throws IOException {
        assertThat(evalImport(root)).asInstanceOf(InstanceOfAssertFactories.LIST).first().isEqualTo("rejected");
        Files.writeString(root.resolve("message.mjs"), EsModuleVmMainContextDefaultLoaderTest.MESSAGE_MODULE);
        assertThat(evalImport(root)).isEqualTo(EsModuleVmMainContextDefaultLoaderTest.NAMESPACE);
    }
}
