package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ScriptSyntaxException;
import io.github.jsvm.VmException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScriptCompilerTest {
    private Engine engine;
    private ScriptCompiler compiler;

    @BeforeEach
    void createCompiler() {
        engine = EngineFactory.create(null, true);
        compiler = new ScriptCompiler(new ContextFactory(engine), new CarrierThreads("script-compiler-test"));
    }

    @AfterEach
    void closeCompiler() {
        compiler.close();
        engine.close();
    }

    @Test
    void aCompileFromAnotherThreadDoesNotWaitForOneInProgress() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // While this thread holds a parser (a long compile, say), another thread's compile must
            // complete: with one shared parser it would wait for this one, which waits for it.
            Source compiled = compiler.whileHoldingAParser(() -> {
                Future<Source> meanwhile = other.submit(() -> compiler.compile("6 * 7", SourceOrigin.of("other.js", 0, 0)));
                try {
                    return meanwhile.get(60, TimeUnit.SECONDS);
                } catch (Exception failed) {
                    throw new AssertionError("the other thread's compile did not complete", failed);
                }
            });
            assertThat(compiled.getCharacters().toString()).contains("6 * 7");
            assertThat(compiler.parserCount()).isEqualTo(2);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void oneThreadCompilingOverAndOverKeepsOneParser() {
        for (int i = 0; i < 50; i++) {
            compiler.compile("var x" + i + " = " + i, SourceOrigin.of("script-" + i + ".js", 0, 0));
            assertThat(compiler.isFunctionBody(List.of("a"), "return a + " + i)).isTrue();
        }
        assertThat(compiler.parserCount()).isEqualTo(1);
    }

    @Test
    void everyCheckStillReportsWhatItFound() {
        assertThatThrownBy(() -> compiler.compile("let = ;", SourceOrigin.of("broken.js", 0, 0)))
                .isInstanceOf(ScriptSyntaxException.class)
                .hasMessageContaining("broken.js");
        assertThat(compiler.isFunctionBody(List.of(), "}); (function() {")).isFalse();
        assertThatThrownBy(() -> compiler.checkModule("export let = 1;", "broken.mjs"))
                .isInstanceOf(ScriptSyntaxException.class)
                .hasMessageContaining("broken.mjs");
        assertThatThrownBy(() -> compiler.checkJson("{", "broken.json")).isInstanceOf(ScriptSyntaxException.class);
        assertThat(compiler.hasTopLevelAwait("await 1; export {};")).isTrue();
        assertThat(compiler.hasTopLevelAwait("export const a = 1;")).isFalse();
    }

    @Test
    void aClosedCompilerRefusesWorkAndPurgingAfterwardsIsHarmless() {
        compiler.close();
        assertThatThrownBy(() -> compiler.compile("1", SourceOrigin.of("late.js", 0, 0)))
                .isInstanceOf(VmException.class)
                .hasMessageContaining("closed");
        compiler.purgeDeadSources();
    }
}
