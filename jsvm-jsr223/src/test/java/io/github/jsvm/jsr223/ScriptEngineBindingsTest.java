package io.github.jsvm.jsr223;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.HostFunction;
import io.github.jsvm.JsFunction;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.script.Bindings;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import javax.script.SimpleBindings;
import javax.script.SimpleScriptContext;
import org.junit.jupiter.api.Test;

/**
 * The scopes of {@code javax.script} under the copy rule of {@link JsvmScriptEngine}, including what
 * GraalJS's own engine is criticised for: global-scope bindings invisible (oracle/graaljs#47), values
 * lost when an engine scope is shared by several script contexts (#518), setting fresh engine bindings
 * failing (#839), host objects like {@code engine} and {@code context} put into every script (#900).
 */
class ScriptEngineBindingsTest {
    private final ScriptEngineManager manager = new ScriptEngineManager();
    private final ScriptEngine engine = manager.getEngineByName("jsvm");

    @Test
    void putAndGetGoThroughTheEngineScope() throws ScriptException {
        engine.put("x", 20);
        assertThat(engine.eval("x + 1")).isEqualTo(21);
        engine.eval("x = x * 2; var created = 'yes'");
        assertThat(engine.get("x")).isEqualTo(40);
        assertThat(engine.get("created")).isEqualTo("yes");
        assertThat(engine.getBindings(ScriptContext.ENGINE_SCOPE)).containsEntry("created", "yes");
    }

    @Test
    void aGlobalGetterIsNeverRunBetweenEvalsSoOneThatThrowsBreaksNothing() throws ScriptException {
        assertThat(engine.eval("""
                globalThis.reads = 0;
                Object.defineProperty(globalThis, 'g', { get() { reads++; throw new Error('boom'); }, enumerable: true, configurable: true });
                'ok'""")).isEqualTo("ok");
        assertThat(engine.eval("1 + 1")).isEqualTo(2);
        assertThat(engine.getBindings(ScriptContext.ENGINE_SCOPE)).doesNotContainKey("g");
        assertThat(engine.eval("delete globalThis.g")).isEqualTo(true);
        assertThat(engine.eval("reads")).as("the adapter ran the getter").isEqualTo(0);
        engine.eval("globalThis.later = 1");
        assertThat(engine.getBindings(ScriptContext.ENGINE_SCOPE)).containsEntry("later", 1);
        engine.eval("Object.defineProperty(globalThis, 'later', { get() { return 2; }, enumerable: true, configurable: true })");
        assertThat(engine.getBindings(ScriptContext.ENGINE_SCOPE)).as("a data global that became an accessor").doesNotContainKey("later");
    }

    @Test
    void repeatedEvalKeepsStateInTheSameEngineScope() throws ScriptException {
        engine.eval("var count = 0; function next() { return ++count; } let hidden = 'lexical';");
        engine.eval("next(); next();");
        assertThat(engine.eval("next()")).isEqualTo(3);
        assertThat(engine.eval("hidden")).isEqualTo("lexical");
        assertThat(engine.get("count")).isEqualTo(3);
        assertThat(engine.get("next")).isInstanceOf(JsFunction.class);
        assertThat(engine.get("hidden")).as("top-level let is not a global").isNull();
    }

    @Test
    void globalScopeBindingsAreVisibleToEveryEngineOfTheManager() throws ScriptException {
        manager.put("globalThing", "asdf");
        ScriptEngine other = manager.getEngineByName("jsvm");
        assertThat(engine.eval("globalThing")).isEqualTo("asdf");
        assertThat(other.eval("globalThing + '!'")).isEqualTo("asdf!");
        // graaljs#47: evaluating against the global scope's own Bindings object, then the engine scope's.
        assertThat(engine.eval("globalThing", engine.getBindings(ScriptContext.GLOBAL_SCOPE))).isEqualTo("asdf");
        assertThat(engine.eval("globalThing", engine.getBindings(ScriptContext.ENGINE_SCOPE))).isEqualTo("asdf");
    }

    @Test
    void theEngineScopeWinsAndTheGlobalScopeIsNeverWritten() throws ScriptException {
        manager.put("shared", 1);
        manager.put("shadowed", "global");
        engine.put("shadowed", "engine");
        assertThat(engine.eval("shadowed")).isEqualTo("engine");
        engine.eval("shared = 5");
        assertThat(manager.get("shared")).isEqualTo(1);
        assertThat(engine.get("shared")).isEqualTo(5);
        manager.put("later", "seen");
        assertThat(engine.eval("later")).isEqualTo("seen");
    }

    @Test
    void valuesOfOneEngineNeverReachAnother() throws ScriptException {
        ScriptEngine other = manager.getEngineByName("jsvm");
        engine.eval("var secret = 42; globalThis.alsoSecret = 1; Object.prototype.polluted = true;");
        assertThat(other.eval("typeof secret + ' ' + typeof alsoSecret + ' ' + ({}).polluted")).isEqualTo("undefined undefined undefined");
        assertThat(other.get("secret")).isNull();
    }

    @Test
    void eachEngineScopeBindingsHasItsOwnContext() throws ScriptException {
        Bindings first = engine.createBindings();
        Bindings second = new SimpleBindings();
        engine.eval("var n = 1; function inc() { return ++n; }", first);
        engine.eval("inc()", first);
        assertThat(first).containsEntry("n", 2);
        assertThat(engine.eval("typeof inc", second)).isEqualTo("undefined");
        assertThat(engine.eval("typeof inc")).isEqualTo("undefined");
        assertThat(second).doesNotContainKey("n");
    }

    @Test
    void anEngineScopeSharedByTwoScriptContextsKeepsItsValues() throws ScriptException {
        Bindings shared = engine.getBindings(ScriptContext.ENGINE_SCOPE);
        // graaljs#518: two script contexts, one engine scope, each its own global scope.
        for (String value : List.of("value1", "value2")) {
            ScriptContext context = new SimpleScriptContext();
            context.setBindings(shared, ScriptContext.ENGINE_SCOPE);
            Bindings global = new SimpleBindings();
            context.setBindings(global, ScriptContext.GLOBAL_SCOPE);
            engine.setContext(context);
            engine.eval("var kept = (typeof kept === 'undefined' ? 0 : kept) + 1");
            global.put("key", value);
            assertThat(engine.eval("key")).isEqualTo(value);
            global.remove("key");
            assertThat(engine.eval("typeof key")).isEqualTo("undefined");
        }
        assertThat(shared).containsEntry("kept", 2);
    }

    @Test
    void freshEngineBindingsCanBeSetAndUsed() throws ScriptException {
        Bindings bindings = engine.createBindings();
        engine.setBindings(bindings, ScriptContext.ENGINE_SCOPE);
        assertThat(engine.getBindings(ScriptContext.ENGINE_SCOPE)).isSameAs(bindings);
        assertThat(engine.eval("var y = 2; y")).isEqualTo(2);
        assertThat(bindings).containsEntry("y", 2);
    }

    @Test
    void scriptsSeeNoHostObjectsAndNoParameters() throws ScriptException {
        engine.put(ScriptEngine.FILENAME, "named.js");
        assertThat(engine.eval("[typeof engine, typeof context, typeof Java, typeof Packages, typeof print, "
                + "Object.keys(globalThis).filter(k => k.startsWith('javax')).length]"))
                .isEqualTo(List.of("undefined", "undefined", "undefined", "undefined", "undefined", 0));
    }

    @Test
    void deletedGlobalsLeaveTheEngineScopeAndRemovedBindingsLeaveTheContext() throws ScriptException {
        engine.put("gone", 1);
        engine.eval("delete globalThis.gone");
        assertThat(engine.getBindings(ScriptContext.ENGINE_SCOPE)).doesNotContainKey("gone");
        engine.put("temporary", 1);
        engine.eval("temporary");
        engine.getBindings(ScriptContext.ENGINE_SCOPE).remove("temporary");
        assertThat(engine.eval("typeof temporary")).isEqualTo("undefined");
    }

    @Test
    void untouchedValuesKeepTheirJavaObjectsAndObjectsAreReadBackAfterInPlaceChanges() throws ScriptException {
        List<Object> calls = new ArrayList<>();
        HostFunction record = args -> calls.add(args.get(0));
        Long big = 5L;
        engine.put("record", record);
        engine.put("big", big);
        engine.put("config", Map.of("level", 1));
        engine.eval("record(big); config.level++;");
        assertThat(calls).containsExactly(5);
        assertThat(engine.get("record")).isSameAs(record);
        assertThat(engine.get("big")).isSameAs(big);
        assertThat(engine.get("config")).isEqualTo(Map.of("level", 2));
        assertThat(engine.eval("config.level")).isEqualTo(2);
    }

    @Test
    void aValueThatCannotEnterTheSandboxIsNamed() {
        engine.put("file", new File("/etc/passwd"));
        assertThatThrownBy(() -> engine.eval("file"))
                .isInstanceOf(BindingException.class)
                .hasMessageContaining("'file'")
                .hasMessageContaining("java.io.File")
                .extracting(e -> ((BindingException) e).bindingName()).isEqualTo("file");
    }

    @Test
    void changesMadeBeforeAnErrorAreStillReadBack() {
        assertThatThrownBy(() -> engine.eval("var before = 'set'; throw new Error('late')")).isInstanceOf(ScriptException.class);
        assertThat(engine.get("before")).isEqualTo("set");
    }

    @Test
    void anExplicitScriptContextIsUsedForBindingsAndOutput() throws ScriptException {
        SimpleScriptContext context = new SimpleScriptContext();
        context.setAttribute("who", "context", ScriptContext.ENGINE_SCOPE);
        java.io.StringWriter out = new java.io.StringWriter();
        context.setWriter(out);
        assertThat(engine.eval("console.log('hi ' + who); who.length", context)).isEqualTo(7);
        assertThat(out.toString()).isEqualTo("hi context\n");
        assertThat(engine.get("who")).isNull();
    }
}
