package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.RuntimeInfo;
import io.github.jsvm.Vm;
import org.junit.jupiter.api.Test;

class RuntimeInfoTest {

    @Test
    void testJvmRunsTheOptimizingRuntime() {
        try (Vm vm = Vm.create()) {
            RuntimeInfo info = vm.runtimeInfo();
            assertThat(info.implementationName()).isNotEqualTo("Interpreted");
            assertThat(info.optimizing())
                    .as("the build passes the JIT flags to tests; without them GraalJS only interprets")
                    .isTrue();
            assertThat(info.version()).startsWith("25.0.");
        }
    }

    @Test
    void vmCreateFindsTheGraalEngineThroughServiceLoader() {
        try (Vm vm = Vm.create()) {
            assertThat(vm).isInstanceOf(GraalJsVm.class);
        }
    }
}
