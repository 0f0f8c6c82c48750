package io.github.jsvm.engine;

import io.github.jsvm.FunctionOptions;
import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.JsFunction;
import io.github.jsvm.ScriptSyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Value;

/**
 * Implements {@code compileFunction}: wraps the body in a function expression, one generated line
 * above it, and evaluates the wrapper in the target context. The body is also checked on its own,
 * so that it cannot break out of the wrapper.
 *
 * <p>Context extensions become {@code with} scopes around the function, the way Node's
 * {@code contextExtensions} put objects on the scope chain. The wrapper text depends only on the
 * body, the parameter names and the number of extensions, so equal calls share compiled code (unless
 * they have an import hook: then the first compilation has code of its own and later ones share
 * theirs, see {@link CompiledCode}).
 */
final class FunctionCompiler {
    private static final Pattern IDENTIFIER =
            // ID_Start and ID_Continue, with their Other_ID_Start (℘, ℮, ...) and Other_ID_Continue (·, ...) characters.
            Pattern.compile("[\\p{L}\\p{Nl}$_\\u1885\\u1886\\u2118\\u212E\\u309B\\u309C]"
                    + "[\\p{L}\\p{Nl}\\p{Mn}\\p{Mc}\\p{Nd}\\p{Pc}$_\\u200C\\u200D\\u1885\\u1886\\u2118\\u212E\\u309B\\u309C"
                    + "\\u00B7\\u0387\\u1369-\\u1371\\u19DA]*");
    /* Identifier names that are no binding identifiers in any function (strict-only ones are left to the parser). */
    private static final Set<String> RESERVED_WORDS = Set.of("break", "case", "catch", "class", "const",
            "continue", "debugger", "default", "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for",
            "function", "if", "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw", "true",
            "try", "typeof", "var", "void", "while", "with");
    private static final String EXTENSION_PARAMETER = "$jsvm$extension";
    /*
     * V8's limit, which Node reports when it compiles; GraalJS's (65,535) is checked only when it
     * translates the function, at its first call.
     */
    private static final int MAX_PARAMETERS = 65_534;
    private static final Pattern LINE_BREAKS = Pattern.compile("\r\n|[\n\r\u2028\u2029]");

    private final ScriptCompiler compiler;
    private final ImportHooks hooks;

    FunctionCompiler(ScriptCompiler compiler, ImportHooks hooks) {
        this.compiler = compiler;
        this.hooks = hooks;
    }

    JsFunction compile(String body, List<String> params, FunctionOptions options, GraalContext context) {
        if (params.size() > MAX_PARAMETERS) {
            throw new ScriptSyntaxException(options.filename(), 0, 0,
                    "Too many parameters in function definition (only " + MAX_PARAMETERS + " allowed)", "", 0);
        }
        for (int i = 0; i < params.size(); i++) {
            String param = params.get(i);
            if (param == null) {
                throw new NullPointerException("params[" + i + "] must not be null");
            }
            if (!IDENTIFIER.matcher(param).matches()) {
                throw new InvalidArgumentException("params[" + i + "] is not a JavaScript identifier: '" + param + "'");
            }
            if (RESERVED_WORDS.contains(param)) {
                throw new InvalidArgumentException("params[" + i + "] is a reserved word, which cannot name a parameter: '" + param + "'");
            }
        }
        List<Map<String, Object>> extensions = options.contextExtensions();
        String wrapper = wrapperText(body, params, extensions.size());
        SourceOrigin origin = SourceOrigin.of(options.filename(), options.lineOffset(), options.columnOffset()).belowWrapper(1);
        ImportHooks.HookedCode compiled;
        try {
            compiled = hooks.compile(wrapper, origin, options.importModuleDynamically());
        } catch (ScriptSyntaxException error) {
            throw withinBody(error, body, options);
        }
        if (!compiler.isFunctionBody(params, body)) {
            throw new ScriptSyntaxException(options.filename(), 0, 0,
                    "The body is not a valid function body on its own (unbalanced braces or parentheses)", "", 0);
        }
        JsFunction function = context.run(null, converter -> {
            Value factory = context.runner().polyglot().eval(compiled.code().sourceIn(context));
            Object[] scopes = new Object[extensions.size()];
            for (int i = 0; i < scopes.length; i++) {
                scopes[i] = converter.toGuest(extensions.get(i), "contextExtensions[" + i + "]");
            }
            return (JsFunction) converter.toJava(factory.execute(scopes));
        });
        compiled.bind(function);
        return function;
    }

    /**
     * {@code error} as the user wrote the body: an error the parser finds only on the wrapper's closing
     * line (an unterminated template or comment, an unclosed brace) is reported at the body's end,
     * not on generated text.
     */
    private static ScriptSyntaxException withinBody(ScriptSyntaxException error, String body, FunctionOptions options) {
        String[] lines = LINE_BREAKS.split(body, -1);
        int lastLine = options.lineOffset() + lines.length;
        if (error.line() <= lastLine) {
            return error;
        }
        String last = lines[lines.length - 1];
        int column = last.length() + 1 + (lines.length == 1 ? options.columnOffset() : 0);
        return new ScriptSyntaxException(error.filename(), lastLine, column, error.reason(), last, last.length() + 1);
    }

    private static String wrapperText(String body, List<String> params, int extensionCount) {
        StringBuilder text = new StringBuilder("(function (");
        StringBuilder scopes = new StringBuilder();
        for (int i = 0; i < extensionCount; i++) {
            text.append(i == 0 ? "" : ", ").append(EXTENSION_PARAMETER).append(i);
            scopes.append("with (").append(EXTENSION_PARAMETER).append(i).append(") ");
        }
        text.append(") { ").append(scopes).append("return function (").append(String.join(", ", params)).append(") {\n");
        return text.append(body).append("\n}; })").toString();
    }

}
