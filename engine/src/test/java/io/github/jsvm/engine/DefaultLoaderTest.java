package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.VmContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ImportModuleDynamically.DEFAULT_LOADER: modules from a read-only root, and nothing outside it. */
class DefaultLoaderTest extends SharedVmTest {
    private static final ScriptOptions DEFAULT = ScriptOptions.builder().filename("main.js")
            .importModuleDynamically(ImportModuleDynamically.DEFAULT_LOADER).build();
    private static final String SETTLE = "globalThis.outcome = 'pending'; (%s).then((ns) => { outcome = ns.value; }, "
            + "(e) => { outcome = [e.name, e.message]; });";

    @TempDir
    static Path directory;
    static Path root;
    static Path outside;

    @BeforeAll
    static void files() throws IOException {
        root = Files.createDirectories(directory.resolve("root"));
        outside = Files.writeString(directory.resolve("secret.mjs"), "export const value = 'secret';");
        Files.createDirectories(root.resolve("lib"));
        Files.writeString(root.resolve("main.mjs"), "import { helper } from './lib/helper.mjs'; export const value = helper();");
        Files.writeString(root.resolve("lib/helper.mjs"),
                "import data from '../data.json' with { type: 'json' }; export const helper = () => data.greeting;");
        Files.writeString(root.resolve("data.json"), "{\"greeting\": \"hello from disk\"}");
        Files.writeString(root.resolve("lib/escape.mjs"), "export { value } from '../../secret.mjs';");
        Files.writeString(root.resolve("lib/dynamic.mjs"), "export const value = (await import('./helper.mjs')).helper();");
        Files.createSymbolicLink(root.resolve("link.mjs"), outside);
    }

    private static Object settle(VmContext context, String importExpression) {
        vm.compile(SETTLE.formatted(importExpression), DEFAULT).runInContext(context);
        return context.global("outcome");
    }

    private static VmContext contextWithRoot() {
        return vm.createContext(Map.of(), ContextOptions.builder().moduleRoot(root).build());
    }

    @Test
    void loadsModulesTheirRelativeImportsAndJsonFromTheRoot() {
        try (VmContext context = contextWithRoot()) {
            assertThat(settle(context, "import('./main.mjs')")).isEqualTo("hello from disk");
            assertThat(settle(context, "import('lib/dynamic.mjs')")).isEqualTo("hello from disk");
            vm.compile("import('/data.json', { with: { type: 'json' } }).then((ns) => { globalThis.json = ns.default; })", DEFAULT)
                    .runInContext(context);
            assertThat(context.global("json")).isEqualTo(Map.of("greeting", "hello from disk"));
        }
    }

    @Test
    void nothingOutsideTheRootCanBeReached() {
        try (VmContext context = contextWithRoot()) {
            for (String specifier : List.of("../secret.mjs", "./lib/../../secret.mjs", "lib/escape.mjs", "link.mjs",
                    "file://" + outside, outside.toString().substring(1), "missing.mjs")) {
                Object outcome = settle(context, "import(" + JsStrings.quote(specifier) + ")");
                assertThat(outcome).as(specifier).isInstanceOf(List.class).asInstanceOf(LIST).first().isEqualTo("Error");
            }
            assertThat(settle(context, "import('link.mjs')")).asInstanceOf(LIST).last().asString().contains("links outside the module root");
            assertThat(settle(context, "import('../secret.mjs')")).asInstanceOf(LIST)
                    .containsExactly("Error", "Cannot load '../secret.mjs': it resolves outside the module root");
        }
    }

    @Test
    void withoutAModuleRootTheDefaultLoaderRejects() {
        try (VmContext context = vm.createContext()) {
            Object outcome = settle(context, "import('./main.mjs')");
            assertThat(outcome).asInstanceOf(LIST).first().isEqualTo("Error");
            assertThat(outcome).asInstanceOf(LIST).last().asString().contains("needs a moduleRoot");
        }
    }

    @Test
    void modulesCanUseTheDefaultLoaderForTheirOwnImports() {
        try (VmContext context = contextWithRoot()) {
            SourceTextModule module = vm.sourceTextModule("export const { value } = await import('./main.mjs');",
                    ModuleOptions.builder().context(context).importModuleDynamically(ImportModuleDynamically.DEFAULT_LOADER).build());
            module.link();
            module.evaluate();
            assertThat(module.namespace().get("value")).isEqualTo("hello from disk");
        }
    }

    @Test
    void scriptsWithTheDefaultLoaderOrNoHookShareCompiledSourcesAndHookBearingOnesDoNot() {
        GraalJsVm graal = (GraalJsVm) vm;
        int registered = graal.importHooks().registry().size();
        assertThat(((GraalScript) vm.compile("import('x')", DEFAULT)).source())
                .isEqualTo(((GraalScript) vm.compile("import('x')", DEFAULT)).source());
        assertThat(((GraalScript) vm.compile("import('x')")).source())
                .isEqualTo(((GraalScript) vm.compile("import('x')")).source())
                .isNotEqualTo(((GraalScript) vm.compile("import('x')", DEFAULT)).source());
        assertThat(graal.importHooks().registry().size()).isEqualTo(registered);
        // Each hook gets its own identity; the same hook object hits the compile cache instead (ScriptCacheTest).
        ScriptOptions oneHook = ScriptOptions.builder().importModuleDynamically((s, r, a) -> null).build();
        ScriptOptions anotherHook = ScriptOptions.builder().importModuleDynamically((s, r, a) -> null).build();
        assertThat(((GraalScript) vm.compile("import('x')", oneHook)).source())
                .isNotEqualTo(((GraalScript) vm.compile("import('x')", anotherHook)).source());
    }

    @Test
    void aMissingFileRejectsWithNodesCode() {
        try (VmContext context = contextWithRoot()) {
            vm.compile("import('./missing.mjs').then(() => {}, (e) => { globalThis.failure = [e.name, e.code, e.message]; })", DEFAULT)
                    .runInContext(context);
            assertThat(context.global("failure")).asInstanceOf(LIST).containsExactly("Error", "ERR_MODULE_NOT_FOUND",
                    "Cannot find module '" + root.resolve("missing.mjs") + "'");
        }
    }
}
