package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.JsException;
import io.github.jsvm.Module;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.VmContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceTextModuleTest extends SharedVmTest {

    @Test
    void linksAndEvaluatesAGraph() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule dep = vm.sourceTextModule("export const x = 40; export let calls = 0; calls++;", ModuleOptions.in(context));
            SourceTextModule root = vm.sourceTextModule("import { x } from 'dep'; export default x + 2;", ModuleOptions.in(context));
            assertThat(root.status()).isEqualTo(ModuleStatus.UNLINKED);
            root.link((specifier, referrer, attributes) -> dep);
            assertThat(root.status()).isEqualTo(ModuleStatus.LINKED);
            assertThat(dep.status()).isEqualTo(ModuleStatus.LINKED);
            root.evaluate();
            assertThat(root.status()).isEqualTo(ModuleStatus.EVALUATED);
            assertThat(dep.status()).isEqualTo(ModuleStatus.EVALUATED);
            assertThat(root.namespace().get("default")).isEqualTo(42);
            assertThat(dep.namespace().toMap()).isEqualTo(Map.of("x", 40, "calls", 1));
        }
    }

    @Test
    void errorsLeaveTheModuleErrored() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule root = vm.sourceTextModule("\nthrow new RangeError('boom');", ModuleOptions.builder().context(context).identifier("bad.mjs").build());
            root.link();
            assertThatThrownBy(root::evaluate).isInstanceOf(JsException.class).hasMessageContaining("boom");
            assertThat(root.status()).isEqualTo(ModuleStatus.ERRORED);
            JsException error = (JsException) root.error();
            assertThat(error.errorName()).isEqualTo("RangeError");
            assertThat(error.frames().get(0).fileName()).isEqualTo("bad.mjs");
            assertThat(error.frames().get(0).line()).isEqualTo(2);
        }
    }
}
