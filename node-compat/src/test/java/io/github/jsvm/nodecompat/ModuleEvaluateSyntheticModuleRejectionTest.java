package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.SyntheticModule;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's test of a {@code SyntheticModule} whose asynchronous evaluation step rejects: the evaluation
 * settles at once, without waiting for the step's promise, so {@code evaluate()} resolves (to undefined),
 * on the first and on a second call, the export still reads undefined, and the step's rejection is an
 * unhandled rejection of the process. Node's async evaluation step is an evaluator here that starts
 * asynchronous work, which fails, and returns without waiting for it; the module is linked with
 * {@code link()} first, as jsvm requires. jsvm's {@code evaluate()} is void: resolving is its normal
 * return.
 */
@NodeTest("test/parallel/test-vm-module-evaluate-synthethic-module-rejection.js")
@Inexpressible(assertion = "the step's rejection reaches process 'unhandledRejection' with message 'asynchronous source text module'",
        reason = "Node's process events: a library has no process")
@Inexpressible(assertion = "evaluate() returns a promise resolved to undefined (inspect shows 'Promise { undefined }'), on the first and on a second call",
        reason = "evaluate() is void: Java's types make a promise or a result impossible")
class ModuleEvaluateSyntheticModuleRejectionTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-module-evaluate-synthethic-module-rejection.js: evaluate() resolves at once, on the first and on a second call, and namespace.a reads undefined")
    void asynchronousRejectionIsNotAwaited() throws Exception {
        AtomicReference<CompletableFuture<Void>> step = new AtomicReference<>();
        SyntheticModule mod = vm.syntheticModule(List.of("a"), module -> step.set(CompletableFuture.runAsync(() -> {
            throw new IllegalStateException("asynchronous source text module");
        })), ModuleOptions.defaults());
        mod.link();
        mod.evaluate();
        assertThat(mod.status()).isEqualTo(ModuleStatus.EVALUATED);
        assertThat(mod.namespace().get("a")).isNull();
        mod.evaluate();
        assertThatThrownBy(() -> step.get().get(30, TimeUnit.SECONDS)).hasRootCauseMessage("asynchronous source text module");
    }
}
