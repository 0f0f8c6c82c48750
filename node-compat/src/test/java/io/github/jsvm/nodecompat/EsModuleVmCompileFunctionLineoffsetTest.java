package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.FunctionOptions;
import io.github.jsvm.JsFunction;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's check that {@code compileFunction} accepts line and column offsets over the whole signed 32-bit
 * range. The offsets are Java {@code int}s, so the values just outside the range, which Node rejects with
 * ERR_OUT_OF_RANGE, cannot be written.
 */
@NodeTest("test/es-module/test-vm-compile-function-lineoffset.js")
@Inexpressible(assertion = "a lineOffset or columnOffset below -2147483648 throws ERR_OUT_OF_RANGE naming the option",
        reason = "the offsets are Java ints: a value outside the 32-bit range cannot be passed")
class EsModuleVmCompileFunctionLineoffsetTest extends NodeVmTest {

    private static JsFunction compile(int lineOffset, int columnOffset) {
        return vm.compileFunction("", List.of(), FunctionOptions.builder().lineOffset(lineOffset).columnOffset(columnOffset).build());
    }

    @Test
    @DisplayName("test-vm-compile-function-lineoffset.js: offsets of -2147483648 (the 32-bit minimum) are accepted")
    void minimumOffsetsAreAccepted() {
        JsFunction function = compile(Integer.MIN_VALUE, Integer.MIN_VALUE);
        assertThat(function.call()).isNull();
    }

    @Test
    @DisplayName("test-vm-compile-function-lineoffset.js: offsets of 2147483647 (the 32-bit maximum) are accepted")
    void maximumOffsetsAreAccepted() {
        JsFunction function = compile(Integer.MAX_VALUE, Integer.MAX_VALUE);
        assertThat(function.call()).isNull();
    }
}
