package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.VmContext;
import org.junit.jupiter.api.Test;

/**
 * A module the engine has loaded does not keep a second copy of its text: the engine keeps its own
 * for as long as the context lives, and a long-lived context keeps every module it loaded.
 */
class LoadedModuleTextTest extends SharedVmTest {

    @Test
    void aLoadedModuleDropsItsTextAndStillServesTheEngine() {
        try (VmContext context = vm.createContext()) {
            String padding = "// " + "x".repeat(10_000) + "\n";
            SourceTextModule dependency = vm.sourceTextModule(padding + "export const value = 41;",
                    ModuleOptions.builder().context(context).identifier("dep.mjs").build());
            dependency.link();
            dependency.evaluate();
            assertThat(((GraalModule) dependency).holdsEngineBytes()).isFalse();

            // The engine checks the loaded module again when another module imports it.
            SourceTextModule importer = vm.sourceTextModule("import { value } from 'dep'; export const answer = value + 1;",
                    ModuleOptions.in(context));
            importer.link((specifier, referrer, attributes) -> dependency);
            importer.evaluate();
            assertThat(importer.status()).isEqualTo(ModuleStatus.EVALUATED);
            assertThat(importer.namespace().get("answer")).isEqualTo(42);
            assertThat(((GraalModule) importer).holdsEngineBytes()).isFalse();
        }
    }
}
