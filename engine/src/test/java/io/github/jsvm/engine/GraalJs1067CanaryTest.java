package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Test;

/**
 * Canary for {@link AbsentGlobalGuard}: raw GraalJS with a shared engine still has issue 1067 (a
 * global lexical binding reads as absent in its own context after the same code ran where it is
 * absent). When a GraalJS upgrade fixes it (upstream: 25.2), this test fails: then the guard, its
 * per-script bookkeeping and this test can go.
 */
class GraalJs1067CanaryTest {

    @Test
    void rawGraalJsOnASharedEngineStillLetsOneContextsAbsentGlobalLeakIntoAnother() {
        try (Engine engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
                Context x = Context.newBuilder("js").engine(engine).build();
                Context y = Context.newBuilder("js").engine(engine).build()) {
            x.eval("js", "const canary1067 = 0;");
            Source reader = Source.create("js", "canary1067 + 10");
            assertThatThrownBy(() -> y.eval(reader)).isInstanceOf(PolyglotException.class).hasMessageContaining("not defined");
            assertThatThrownBy(() -> x.eval(reader))
                    .as("GraalJS no longer has issue 1067: remove AbsentGlobalGuard and this canary")
                    .isInstanceOf(PolyglotException.class).hasMessageContaining("canary1067 is not defined");
            assertThat(x.eval("js", "canary1067").asInt()).isZero();
        }
    }
}
