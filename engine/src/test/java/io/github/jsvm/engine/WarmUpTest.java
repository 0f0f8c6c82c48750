package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.Vm;
import io.github.jsvm.VmClosedException;
import io.github.jsvm.VmContext;
import io.github.jsvm.VmOptions;
import io.github.jsvm.VmStats;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** {@code VmOptions.warmUp}: a background warm-up that is invisible to the Vm's users and ends with the Vm. */
class WarmUpTest {

    @Test
    void offByDefault() {
        assertThat(VmOptions.defaults().warmUp()).isFalse();
        try (GraalJsVm vm = new GraalJsVm(VmOptions.defaults())) {
            assertThat(vm.warmer()).isNull();
        }
    }

    @Test
    void warmsUpInTheBackgroundWithoutTouchingStatsOrTheCache() throws InterruptedException {
        try (GraalJsVm vm = new GraalJsVm(VmOptions.builder().warmUp(true).build())) {
            EngineWarmer warmer = Objects.requireNonNull(vm.warmer());
            // Usable while it warms up.
            try (VmContext context = vm.createContext()) {
                assertThat(vm.compile("6 * 7").runInContext(context)).isEqualTo(42);
            }
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (!warmer.finished() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(warmer.finished()).isTrue();
            assertThat(warmer.contextsDone()).isEqualTo(EngineWarmer.CONTEXTS);
            assertThat(warmer.compilesDone()).isEqualTo(EngineWarmer.COMPILES);
            VmStats stats = vm.stats();
            assertThat(stats.contextsCreated()).isEqualTo(1);
            assertThat(stats.liveContexts()).isZero();
            assertThat(stats.scriptCache().misses()).isEqualTo(1);
            assertThat(stats.scriptCache().size()).isEqualTo(1);
        }
    }

    @Test
    void closingTheVmStopsTheWarmUpAtOnce() {
        GraalJsVm vm = new GraalJsVm(VmOptions.builder().warmUp(true).build());
        EngineWarmer warmer = Objects.requireNonNull(vm.warmer());
        vm.close();
        assertThat(warmer.finished()).isTrue();
        assertThat(warmer.contextsDone()).isLessThan(EngineWarmer.CONTEXTS);
        assertThatThrownBy(vm::createContext).isInstanceOf(VmClosedException.class);
    }
}
