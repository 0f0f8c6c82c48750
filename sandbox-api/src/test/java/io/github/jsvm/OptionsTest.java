package io.github.jsvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void scriptOptionsDefaultToNodesFilenameAndNoOffsets() {
        assertThat(ScriptOptions.defaults()).isEqualTo(new ScriptOptions("evalmachine.<anonymous>", 0, 0, ImportModuleDynamically.NONE));
        assertThat(ScriptOptions.builder().filename("a.js").lineOffset(-2).columnOffset(3).build())
                .isEqualTo(new ScriptOptions("a.js", -2, 3, ImportModuleDynamically.NONE));
        assertThatThrownBy(() -> ScriptOptions.builder().filename(null))
                .isInstanceOf(NullPointerException.class).hasMessage("filename must not be null");
    }

    @Test
    void runOptionsRejectNonPositiveTimeouts() {
        assertThat(RunOptions.defaults().timeoutIfSet()).isEmpty();
        assertThat(RunOptions.withTimeout(Duration.ofMillis(5)).timeoutIfSet()).contains(Duration.ofMillis(5));
        assertThatThrownBy(() -> new RunOptions(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("timeout must be positive, was PT-1S");
        assertThatThrownBy(() -> RunOptions.builder().timeout(null))
                .isInstanceOf(NullPointerException.class).hasMessage("timeout must not be null");
    }

    @Test
    void runOptionsValidateAndCombineLimits() {
        assertThat(RunOptions.defaults().isLimited()).isFalse();
        assertThatThrownBy(() -> new RunOptions(null, null, -1))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("allocationLimit must not be negative, was -1");
        assertThatThrownBy(() -> RunOptions.builder().allocationLimit(0))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("allocationLimit must be positive, was 0");
        assertThatThrownBy(() -> RunOptions.builder().cpuTimeLimit(Duration.ZERO)).isInstanceOf(InvalidArgumentException.class);
        RunOptions context = RunOptions.builder().timeout(Duration.ofSeconds(5)).allocationLimit(1024).build();
        RunOptions run = RunOptions.builder().timeout(Duration.ofSeconds(1)).cpuTimeLimit(Duration.ofMillis(50)).build();
        assertThat(run.orElse(context)).isEqualTo(new RunOptions(Duration.ofSeconds(1), Duration.ofMillis(50), 1024));
        assertThat(RunOptions.defaults().orElse(context)).isEqualTo(context);
    }

    @Test
    void contextOptionsDefaults() {
        ContextOptions defaults = ContextOptions.defaults();
        assertThat(defaults.name()).isNull();
        assertThat(defaults.codeGenerationFromStrings()).isTrue();
        assertThat(defaults.microtaskMode()).isEqualTo(MicrotaskMode.AFTER_EVALUATE);
        assertThat(defaults.consoleOutput()).isNull();
        assertThatThrownBy(() -> ContextOptions.builder().microtaskMode(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void functionOptionsCopyTheExtensionList() {
        List<Map<String, Object>> extensions = new ArrayList<>(List.of(Map.of("a", 1)));
        FunctionOptions options = FunctionOptions.builder().contextExtensions(extensions).build();
        extensions.add(Map.of("b", 2));
        assertThat(options.contextExtensions()).hasSize(1);
        assertThatThrownBy(() -> FunctionOptions.builder().contextExtensions(java.util.Arrays.asList(Map.of(), null)).build())
                .isInstanceOf(NullPointerException.class).hasMessage("contextExtensions[1] must not be null");
    }
}
