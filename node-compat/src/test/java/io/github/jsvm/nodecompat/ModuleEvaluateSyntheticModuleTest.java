package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.SyntheticModule;
import io.github.jsvm.VmException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's tests of what {@code evaluate()} of a {@code SyntheticModule} gives (the spec's
 * SyntheticModule Evaluate): with a synchronous evaluation step the exports it sets read back at once;
 * with an asynchronous step (an async function) the evaluation is settled at once, without waiting for
 * the step's promise, so the export it sets later still reads undefined; a step that throws rejects
 * {@code evaluate()} at once with the module's {@code error}, and again on a second call.
 *
 * <p>jsvm's {@code evaluate()} is void: a rejected promise is the exception it throws, the same object as
 * {@code error()}, and a fulfilled one its normal return. Node's evaluation steps are JavaScript
 * functions; here they are Java evaluators: Node's async step, whose promise evaluation does not
 * wait for, is an evaluator that starts asynchronous work and returns ({@code asyncSyntheticModule},
 * whose evaluation does wait for the evaluator's stage, is jsvm's own and has no Node counterpart).
 * The synthetic modules are linked with {@code link()} first, as jsvm requires.
 */
@NodeTest("test/parallel/test-vm-module-evaluate-synthethic-module.js")
@Inexpressible(assertion = "evaluate() returns a promise resolved to undefined (inspect shows 'Promise { undefined }'), on the first and on a second call, for synchronous and asynchronous steps",
        reason = "evaluate() is void: Java's types make a promise or a result impossible")
class ModuleEvaluateSyntheticModuleTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-module-evaluate-synthethic-module.js: a synchronous evaluation step: after evaluate() namespace.a is 42; the step is called once")
    void synchronousStep() {
        AtomicInteger calls = new AtomicInteger();
        SyntheticModule mod = vm.syntheticModule(List.of("a"), module -> {
            calls.incrementAndGet();
            module.setExport("a", 42);
        }, ModuleOptions.defaults());
        mod.link();
        mod.evaluate();
        assertThat(mod.namespace().get("a")).isEqualTo(42);
        assertThat(calls).hasValue(1);
    }

    @Test
    @DisplayName("test-vm-module-evaluate-synthethic-module.js: an asynchronous evaluation step: right after evaluate() the export it sets later reads undefined")
    void asynchronousStepIsNotAwaited() throws Exception {
        CountDownLatch read = new CountDownLatch(1);
        AtomicReference<CompletableFuture<Void>> step = new AtomicReference<>();
        SyntheticModule mod = vm.syntheticModule(List.of("a"), module -> step.set(CompletableFuture.runAsync(() -> {
            awaitQuietly(read);
            module.setExport("a", 42);
        })), ModuleOptions.defaults());
        mod.link();
        mod.evaluate();
        assertThat(mod.status()).isEqualTo(ModuleStatus.EVALUATED);
        assertThat(mod.namespace().get("a")).isNull();
        read.countDown();
        step.get().get(30, TimeUnit.SECONDS);
        assertThat(mod.namespace().get("a")).isEqualTo(42);
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SyntheticModule throwingStep() {
        SyntheticModule mod = vm.syntheticModule(List.of("a"), module -> {
            throw new IllegalStateException("synchronous synthetic module");
        }, ModuleOptions.defaults());
        mod.link();
        return mod;
    }

    private static VmException rejection(SyntheticModule mod) {
        VmException error = catchThrowableOfType(VmException.class, mod::evaluate);
        assertThat(error).isNotNull();
        return error;
    }

    @Test
    @DisplayName("test-vm-module-evaluate-synthethic-module.js: a step that throws rejects evaluate() at once; mod.error is set, with message 'synchronous synthetic module'")
    void throwingStepRejectsAtOnce() {
        SyntheticModule mod = throwingStep();
        rejection(mod);
        assertThat(mod.status()).isEqualTo(ModuleStatus.ERRORED);
        assertThat(mod.error().getMessage()).isEqualTo("synchronous synthetic module");
    }

    @Test
    @DisplayName("test-vm-module-evaluate-synthethic-module.js: the rejection's reason is mod.error")
    void rejectionReasonIsTheError() {
        SyntheticModule mod = throwingStep();
        assertThat(rejection(mod)).isSameAs(mod.error());
    }

    @Test
    @DisplayName("test-vm-module-evaluate-synthethic-module.js: evaluate() again is rejected at once with the same reason")
    void rejectedAgainWithTheSameReason() {
        SyntheticModule mod = throwingStep();
        VmException first = rejection(mod);
        assertThat(rejection(mod)).isSameAs(first);
    }
}
