package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Node's check that a script reports the URL of its source-map comment, and only of a well-formed one. */
@NodeTest("test/parallel/test-vm-source-map-url.js")
class VmSourceMapUrlTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-source-map-url.js: without a magic comment there is no source map URL")
    void noComment() {
        assertThat(vm.compile("\nfunction myFunc() {}\n").sourceMapURL()).isNull();
    }

    @Test
    @DisplayName("test-vm-source-map-url.js: a comment without the # marker is not a source map comment")
    void malformedComment() {
        assertThat(vm.compile("\nfunction myFunc() {}\n// sourceMappingURL=sourcemap.json\n").sourceMapURL()).isNull();
    }

    @Test
    @DisplayName("test-vm-source-map-url.js: the URL of a //# sourceMappingURL= comment is reported")
    void wellFormedComment() {
        assertThat(vm.compile("\nfunction myFunc() {}\n//# sourceMappingURL=sourcemap.json\n").sourceMapURL()).isEqualTo("sourcemap.json");
    }
}
