package io.github.jsvm.jsr223;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.Vm;
import java.io.StringWriter;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import org.junit.jupiter.api.Test;

/** Discovery, the factory's metadata and its syntax helpers, and who closes the {@code Vm}. */
class ScriptEngineFactoryTest {
    private final ScriptEngineManager manager = new ScriptEngineManager();

    @Test
    void theManagerFindsTheEngineByNameExtensionAndMimeType() {
        assertThat(manager.getEngineByName("jsvm")).isInstanceOf(JsvmScriptEngine.class);
        assertThat(manager.getEngineByExtension("js")).isInstanceOf(JsvmScriptEngine.class);
        assertThat(manager.getEngineByMimeType("application/javascript")).isInstanceOf(JsvmScriptEngine.class);
        assertThat(manager.getEngineByMimeType("text/javascript")).isInstanceOf(JsvmScriptEngine.class);
        assertThat(manager.getEngineFactories()).filteredOn(f -> f instanceof JsvmScriptEngineFactory).hasSize(1);
    }

    @Test
    void namesClaimedByEnginesWithJavaInteropAreNotClaimed() {
        assertThat(manager.getEngineByName("javascript")).isNull();
        assertThat(manager.getEngineByName("js")).isNull();
        assertThat(manager.getEngineByExtension("mjs")).isNull();
    }

    @Test
    void parametersAndMetadataFollowTheSpecification() {
        ScriptEngine engine = manager.getEngineByName("jsvm");
        ScriptEngineFactory factory = engine.getFactory();
        assertThat(factory).isInstanceOf(JsvmScriptEngineFactory.class);
        assertThat(factory.getParameter(ScriptEngine.ENGINE)).isEqualTo(factory.getEngineName()).isEqualTo("jsvm");
        assertThat(factory.getParameter(ScriptEngine.NAME)).isEqualTo("jsvm");
        assertThat(factory.getParameter(ScriptEngine.ENGINE_VERSION)).isEqualTo(factory.getEngineVersion());
        assertThat(factory.getEngineVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(factory.getParameter(ScriptEngine.LANGUAGE)).isEqualTo(factory.getLanguageName()).isEqualTo("ECMAScript");
        assertThat(factory.getParameter(ScriptEngine.LANGUAGE_VERSION)).isEqualTo(factory.getLanguageVersion());
        assertThat(factory.getParameter("THREADING")).isEqualTo("MULTITHREADED");
        assertThat(factory.getParameter("no.such.key")).isNull();
        assertThat(factory.getNames()).containsExactly("jsvm");
        assertThat(factory.getExtensions()).containsExactly("js");
        assertThat(factory.getMimeTypes()).contains("application/javascript");
        assertThat(factory.getScriptEngine()).isNotSameAs(factory.getScriptEngine());
    }

    @Test
    void theSyntaxHelpersProduceRunnableCode() throws ScriptException {
        ScriptEngine engine = manager.getEngineByName("jsvm");
        ScriptEngineFactory factory = engine.getFactory();
        StringWriter out = new StringWriter();
        engine.getContext().setWriter(out);
        String tricky = "quote \" backslash \\ newline \n tab \t separator \u2028 end";

        engine.eval(factory.getProgram(
                factory.getOutputStatement(tricky),
                "var box = { twice: function (a, b) { return (a + b) * 2; } }",
                "var r = " + factory.getMethodCallSyntax("box", "twice", "1", "2")));

        assertThat(out.toString()).isEqualTo(tricky + "\n");
        assertThat(engine.get("r")).isEqualTo(6);
    }

    @Test
    void closingAFactoryThatOwnsItsVmStopsItsEngines() throws ScriptException {
        JsvmScriptEngineFactory factory = new JsvmScriptEngineFactory();
        ScriptEngine engine = factory.getScriptEngine();
        assertThat(engine.eval("1 + 1")).isEqualTo(2);
        factory.close();
        factory.close();
        assertThatThrownBy(() -> engine.eval("1")).isInstanceOf(ScriptException.class);
        assertThatThrownBy(factory::getScriptEngine).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aFactoryOnTheCallersVmLeavesItOpen() throws ScriptException {
        try (Vm vm = Vm.create()) {
            JsvmScriptEngineFactory factory = new JsvmScriptEngineFactory(vm);
            try (JsvmScriptEngine engine = factory.getScriptEngine()) {
                assertThat(engine.eval("6 * 7")).isEqualTo(42);
            }
            factory.close();
            assertThat(vm.compile("1").runInNewContext(java.util.Map.of())).isEqualTo(1);
        }
    }

    @Test
    void aClosedEngineRefusesToRun() throws ScriptException {
        JsvmScriptEngine engine = (JsvmScriptEngine) manager.getEngineByName("jsvm");
        engine.eval("var a = 1");
        engine.close();
        assertThatThrownBy(() -> engine.eval("a")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(engine.getBindings(ScriptContext.ENGINE_SCOPE)).containsEntry("a", 1);
    }
}
