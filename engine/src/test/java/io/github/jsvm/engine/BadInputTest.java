package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ContextClosedException;
import io.github.jsvm.HostFunction;
import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.RunOptions;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.ScriptSyntaxException;
import io.github.jsvm.ScriptTimeoutException;
import io.github.jsvm.VmContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Bad input of every kind gets a defined outcome with a message that names the problem. */
class BadInputTest extends SharedVmTest {

    @Test
    void nullsAndInvalidOptionsAreRejectedByName() {
        assertThatThrownBy(() -> vm.compile(null)).isInstanceOf(NullPointerException.class).hasMessage("code must not be null");
        assertThatThrownBy(() -> vm.compile("1", null)).isInstanceOf(NullPointerException.class).hasMessage("options must not be null");
        assertThatThrownBy(() -> RunOptions.withTimeout(Duration.ZERO)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("timeout must be positive");
        assertThatThrownBy(() -> RunOptions.withTimeout(Duration.ofMillis(-5))).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> ScriptOptions.builder().importModuleDynamically(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("importModuleDynamically must not be null");
        try (VmContext context = vm.createContext()) {
            assertThatThrownBy(() -> vm.compile("1").runInContext(context, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> vm.compile("1").runInContext(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void emptyAndHugeSourcesWork() {
        try (VmContext context = vm.createContext()) {
            assertThat(vm.compile("").runInContext(context)).isNull();
            StringBuilder huge = new StringBuilder(10 << 20);
            while (huge.length() < (10 << 20)) {
                huge.append("total = (typeof total === 'number' ? total : 0) + 1;\n");
            }
            huge.append("total");
            Object total = vm.compile(huge.toString()).runInContext(context, RunOptions.withTimeout(Duration.ofMinutes(2)));
            assertThat(((Number) total).intValue()).isGreaterThan(150_000);
        }
    }

    @Test
    void invalidUtf16AndNonJavaScriptBytes() {
        try (VmContext context = vm.createContext()) {
            assertThat(vm.compile("'\uD800'.length").runInContext(context)).isEqualTo(1);
            assertThat(vm.compile("'a\uDC00b'").runInContext(context)).isEqualTo("a\uDC00b");
            assertThatThrownBy(() -> vm.compile("let \uD800 = 1;")).isInstanceOf(ScriptSyntaxException.class);
            byte[] binary = new byte[256];
            for (int i = 0; i < binary.length; i++) {
                binary[i] = (byte) (i * 37);
            }
            assertThatThrownBy(() -> vm.compile(new String(binary, StandardCharsets.ISO_8859_1)))
                    .isInstanceOf(ScriptSyntaxException.class);
            assertThatThrownBy(() -> vm.compile("\u0000\u0001\u0002")).isInstanceOf(ScriptSyntaxException.class);
        }
    }

    @Test
    void aHostFunctionThatBlocksIsStoppedByTheTimeout() {
        HostFunction block = args -> {
            Thread.sleep(60_000);
            return "woke up";
        };
        try (VmContext context = vm.createContext(Map.of("block", block))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> vm.compile("block()").runInContext(context, RunOptions.withTimeout(Duration.ofMillis(200))))
                    .isInstanceOf(ScriptTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            assertThat(Thread.currentThread().isInterrupted()).as("the caller's interrupt flag is left clear").isFalse();
            assertThat(vm.compile("'usable'").runInContext(context)).isEqualTo("usable");
        }
    }

    @Test
    void hooksThatBlockThrowOrReturnGarbage() {
        try (VmContext context = vm.createContext()) {
            ImportModuleDynamically blocking = (specifier, referrer, attributes) -> new CompletableFuture<>();
            assertThatThrownBy(() -> vm.compile("import('never')", ScriptOptions.builder().importModuleDynamically(blocking).build())
                    .runInContext(context, RunOptions.withTimeout(Duration.ofMillis(300))))
                    .isInstanceOf(ScriptTimeoutException.class);
            ImportModuleDynamically sleeping = (specifier, referrer, attributes) -> {
                Thread.sleep(60_000);
                return null;
            };
            assertThatThrownBy(() -> vm.compile("import('slow')", ScriptOptions.builder().importModuleDynamically(sleeping).build())
                    .runInContext(context, RunOptions.withTimeout(Duration.ofMillis(300))))
                    .isInstanceOf(ScriptTimeoutException.class);
            assertThat(vm.compile("'still usable'").runInContext(context)).isEqualTo("still usable");
        }
    }

    @Test
    void closingAContextWhileItRunsEndsTheRunWithContextClosed() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        HostFunction signal = args -> {
            entered.countDown();
            return null;
        };
        VmContext context = vm.createContext(Map.of("signal", signal));
        CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> vm.compile("signal(); for (;;) {}").runInContext(context));
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        context.close();
        assertThat(run).failsWithin(30, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(ContextClosedException.class);
        assertThatThrownBy(() -> vm.compile("1").runInContext(context)).isInstanceOf(ContextClosedException.class);
        assertThat(context.isClosed()).isTrue();
        assertThat(List.of(vm.compile("1").runInNewContext(Map.of()))).containsExactly(1);
    }
}
