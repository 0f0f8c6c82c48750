package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.InspectorOptions;
import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.Vm;
import io.github.jsvm.VmOptions;
import org.junit.jupiter.api.Test;

/**
 * The engine's test path has no GraalVM inspector, so asking for one must fail with a typed error
 * that says what to add. A working session is tested where the inspector is present: the runner's
 * {@code JsvmRunInspectTest}.
 */
class InspectorOptionsTest {

    @Test
    void anInspectorWithoutTheInspectorJarIsATypedErrorNamingTheArtifact() {
        VmOptions options = VmOptions.builder().inspector(new InspectorOptions(9229, false)).build();
        assertThatThrownBy(() -> Vm.create(options).close())
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("The inspector needs org.graalvm.tools:chromeinspector-tool 25.0.")
                .hasMessageContaining("inspect");
    }

    @Test
    void portsAreChecked() {
        assertThatThrownBy(() -> new InspectorOptions(0, false))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("port must be between 1 and 65535, was 0");
        assertThatThrownBy(() -> new InspectorOptions(65536, true))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("port must be between 1 and 65535, was 65536");
    }
}
