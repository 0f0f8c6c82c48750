/**
 * The {@code javax.script} (JSR-223) engine of jsvm: {@code new ScriptEngineManager().getEngineByName("jsvm")}
 * returns a script engine whose scripts run in sandboxed jsvm contexts.
 */
@SuppressWarnings("module") // "jsr223" ends in digits: it is the specification's name, as in the artifact and package
module io.github.jsvm.jsr223 {
    requires transitive java.scripting;
    requires transitive io.github.jsvm;

    exports io.github.jsvm.jsr223;

    provides javax.script.ScriptEngineFactory with io.github.jsvm.jsr223.JsvmScriptEngineFactory;
}
