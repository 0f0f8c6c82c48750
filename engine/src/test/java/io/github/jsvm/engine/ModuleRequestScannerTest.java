package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ModuleRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModuleRequestScannerTest {
    private static final Map<String, String> JSON = Map.of("type", "json");

    private static ModuleRequest plain(String specifier) {
        return new ModuleRequest(specifier, Map.of());
    }

    private static ModuleRequest json(String specifier) {
        return new ModuleRequest(specifier, JSON);
    }

    private static List<ModuleRequest> scan(String source) {
        return ModuleRequestScanner.scan(source).requests();
    }

    private static boolean usesImportMeta(String source) {
        return ModuleRequestScanner.scan(source).usesImportMeta();
    }

    // --- moduleRequests: what is reported -------------------------------------------------------------------------

    @Test
    void reportsEveryFormOfStaticImport() {
        String source = """
                import def from './default.js';
                import { a, b as c, 'str' as d } from "./named.js";
                import * as ns from './namespace.js';
                import 'side-effect';
                import def2, { e } from './mixed.js';
                import def3, * as ns2 from './mixed-ns.js';
                import {} from './empty-group.js';
                import from from './binds-from.js';
                """;

        assertThat(scan(source)).containsExactly(plain("./default.js"), plain("./named.js"),
                plain("./namespace.js"), plain("side-effect"), plain("./mixed.js"), plain("./mixed-ns.js"),
                plain("./empty-group.js"), plain("./binds-from.js"));
    }

    @Test
    void reportsEveryFormOfReExport() {
        String source = """
                export * from './star.js';
                export { a, b as c, default } from './named.js';
                export * as ns from './ns.js';
                export * as 'string name' from './ns-string.js';
                export {} from './empty.js';
                export*from'./tight.js';
                """;

        assertThat(scan(source)).containsExactly(plain("./star.js"), plain("./named.js"), plain("./ns.js"),
                plain("./ns-string.js"), plain("./empty.js"), plain("./tight.js"));
    }

    @Test
    void localExportsAndDeclarationsAreNoRequests() {
        String source = """
                const a = 1, b = 2;
                export { a, b as c };
                export function from() {}
                export const x = 'from';
                export class K {}
                export default { from: './not-a-module.js' };
                """;

        assertThat(scan(source)).isEmpty();
    }

    @Test
    void readsAttributesWithWithAndLegacyAssert() {
        String source = """
                import data from './data.json' with { type: 'json' };
                import legacy from './legacy.json' assert { type: "json" };
                export * from './re.json' with { 'type': 'json', };
                export { x } from './multi.js' with { type: 'css', mode: "m" };
                import './none.js' with {};
                """;

        assertThat(scan(source)).containsExactly(json("./data.json"), json("./legacy.json"), json("./re.json"),
                new ModuleRequest("./multi.js", Map.of("type", "css", "mode", "m")), plain("./none.js"));
    }

    @Test
    void legacyAssertAfterALineBreakIsNoAttributeClause() {
        // [no LineTerminator here] assert: ASI ends the import, and "assert { ... }" is a separate statement.
        assertThat(scan("import a from './a.json'\nassert { type: 'json' }")).containsExactly(plain("./a.json"));
        // with has no such restriction.
        assertThat(scan("import a from './a.json'\nwith { type: 'json' }")).containsExactly(json("./a.json"));
    }

    @Test
    void specifiersAreTheDecodedStringValues() {
        assertThat(scan("import './caf\\u00e9.js'; import \"./\\x61\\u{62}.js\"; import './q\\'s.js';"))
                .containsExactly(plain("./café.js"), plain("./ab.js"), plain("./q's.js"));
    }

    @Test
    void identicalRequestsAreReportedOnceAtTheirFirstPosition() {
        String source = """
                import './a.js';
                import './b.js';
                import x from './a.js';
                export * from './a.js';
                import j1 from './c.json' with { type: 'json' };
                import j2 from './c.json' with { type: 'json' };
                import { y } from './b.js';
                """;

        assertThat(scan(source)).containsExactly(plain("./a.js"), plain("./b.js"), json("./c.json"));
    }

    @Test
    void theSameSpecifierWithDifferentAttributesIsReportedPerAttributes() {
        String source = """
                import './x';
                import j from './x' with { type: 'json' };
                import c from './x' with { type: 'css' };
                import again from './x';
                """;

        assertThat(scan(source)).containsExactly(plain("./x"), json("./x"),
                new ModuleRequest("./x", Map.of("type", "css")));
    }

    @Test
    void keepsSourceOrderAcrossImportsAndExports() {
        String source = "export * from 'z'; import 'y'; export { q } from 'x'; import w from 'w'; import 'a';";

        assertThat(scan(source)).extracting(ModuleRequest::specifier).containsExactly("z", "y", "x", "w", "a");
    }

    @Test
    void importsAfterOtherCodeAndAfterBlocksAreStillFound() {
        String source = """
                #!/usr/bin/env node
                function f() { if (x) { return { a: [1, 2] }; } }
                const o = { import: 1, export: 2 };
                const t = `a ${ { b: `${ 1 }` }.b } c`;
                import 'after-everything';
                """;

        assertThat(scan(source)).containsExactly(plain("after-everything"));
        assertThat(scan("\uFEFFimport 'after-bom';")).containsExactly(plain("after-bom"));
    }

    // --- moduleRequests: what must not be reported --------------------------------------------------------------

    @Test
    void ignoresImportsInStringsTemplatesAndComments() {
        String source = """
                const s1 = "import 'in-double'";
                const s2 = 'export * from "in-single"';
                const t1 = `import 'in-template'`;
                const t2 = `${ 'x' } import 'in-template-tail' ${ `import 'in-nested'` }`;
                // import 'in-line-comment'
                /* import 'in-block-comment'
                   export * from 'in-block-comment-2' */
                import 'real';
                """;

        assertThat(scan(source)).containsExactly(plain("real"));
    }

    @Test
    void ignoresImportsInRegularExpressionLiterals() {
        String source = """
                /import 'at-start'/.test(s);
                const r1 = /import 'x'/g;
                const r2 = /[/]import 'in-class' export * from 'y'/;
                f(/import 'in-args'/);
                if (cond) /import 'after-if'/.exec(s);
                const r3 = /`/; import 'real'; const t = `import 'in-template'`;
                """;

        assertThat(scan(source)).containsExactly(plain("real"));
    }

    @Test
    void divisionIsNotMistakenForARegularExpression() {
        // Read as regular expressions, these slashes would swallow the imports between them.
        String source = """
                const a = b / 2; import 'one'; const c = d / 3;
                const e = (f) / 2; import 'two'; const g = (h) / 2;
                const i = j[0] / 2; import 'three'; const k = l[0] / 2;
                const m = n++ / 2; import 'four'; const o = p++ / 2;
                const q = `t` / 2; import 'five'; const r = `t` / 2;
                const s = x.default / 2; import 'six'; const u = x.return / 2;
                """;

        assertThat(scan(source)).extracting(ModuleRequest::specifier)
                .containsExactly("one", "two", "three", "four", "five", "six");
    }

    @Test
    void ignoresDynamicImportImportMetaAndPropertiesNamedImport() {
        String source = """
                const m = await import('./dynamic.js');
                import('./bare-dynamic.js').then(x => x);
                import.meta.url;
                obj.import('./method.js');
                obj.import;
                obj?.import;
                const o = { import: './key.js' };
                \\u0069mport './escaped-keyword.js';
                importer('./other-name.js');
                import './real.js';
                """;

        assertThat(scan(source)).containsExactly(plain("./real.js"));
    }

    @Test
    void ignoresDeclarationsInsideNestedBlocks() {
        String source = """
                { import './block.js'; }
                function f() { import './function.js'; export * from './function-export.js'; }
                if (x) { import './if.js'; }
                class C { m() { import './method.js'; } }
                const t = `${ import './substitution.js' }`;
                """;

        assertThat(scan(source)).isEmpty();
    }

    // --- usesImportMeta ---------------------------------------------------------------------------------------

    @Test
    void detectsImportMetaInCode() {
        assertThat(usesImportMeta("console.log(import.meta.url);")).isTrue();
        assertThat(usesImportMeta("function f() { return import . meta; }")).isTrue();
        assertThat(usesImportMeta("import /* c */\n.meta")).isTrue();
        assertThat(usesImportMeta("const t = `${import.meta.url}`;")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "import './x.js'; import('./y.js');",
        "const s = 'import.meta';",
        "const s = \"import.meta.url\";",
        "const t = `import.meta`;",
        "// import.meta",
        "/* import.meta */",
        "const r = /import.meta/;",
        "obj.import.meta;",
        "obj.import.metadata;",
        "import.m\\u0065ta;",
    })
    void doesNotReportImportMetaOutsideCode(String source) {
        assertThat(usesImportMeta(source)).isFalse();
    }

    // --- importCallAttributes ---------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "import('./x.js')",
        "import('./x.js',)",
        "import('./x.js', {})",
        "import('./x.js', { other: 1 })",
        "import('./x.js', { type: 'json' })",
        "import('./x.js', { with: {} })",
        "import(spec)",
        "import(`./${name}.js`)",
    })
    void callsWithoutAttributesHaveAnEmptyMap(String call) {
        assertThat(ModuleRequestScanner.importCallAttributes(call)).contains(Map.of());
    }

    @Test
    void readsLiteralAttributesOfACall() {
        assertThat(ModuleRequestScanner.importCallAttributes("import('./x.json', { with: { type: 'json' } })"))
                .contains(JSON);
        assertThat(ModuleRequestScanner.importCallAttributes(
                "import ( './x.json' , { \"with\" : { \"type\" : \"json\", 'mode': 'm', } , } , )"))
                .contains(Map.of("type", "json", "mode", "m"));
        assertThat(ModuleRequestScanner.importCallAttributes("import('./x.json', { assert: { type: 'json' } })"))
                .contains(JSON);
        // with takes precedence over the legacy assert.
        assertThat(ModuleRequestScanner.importCallAttributes(
                "import('./x', { assert: { type: 'css' }, with: { type: 'json' } })")).contains(JSON);
        // Unrelated shorthands and methods cannot produce a with property.
        assertThat(ModuleRequestScanner.importCallAttributes(
                "import('./x', { foo, bar() { return 1; }, with: { type: 'json' } })")).contains(JSON);
    }

    @Test
    void parenthesesAroundTheWholeCallAreIgnored() {
        assertThat(ModuleRequestScanner.importCallAttributes("(import('x', { with: { type: 'json' } }))"))
                .contains(JSON);
        assertThat(ModuleRequestScanner.importCallAttributes("((import('x')))")).contains(Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "import('x', { with: attrs })",
        "import('x', opts)",
        "import('x', { ...opts })",
        "import('x', { with: { type: 'json' }, ...opts })",
        "import('x', { with: { ...attrs } })",
        "import('x', { with: { type: 'js' + 'on' } })",
        "import('x', { with: { type: kind } })",
        "import('x', { with: { [key]: 'json' } })",
        "import('x', { [key]: { type: 'json' } })",
        "import('x', { with })",
        "import('x', { get with() { return {}; } })",
        "import('x', { w\\u0069th: { type: 'json' } })",
        "import('x', { __proto__: proto })",
        "import('x', { with: { type: 'json' } } || other)",
        "import('x', cond ? { with: { type: 'json' } } : {})",
    })
    void attributesComputedAtRunTimeAreUnknown(String call) {
        assertThat(ModuleRequestScanner.importCallAttributes(call)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "foo('x')", "import x from 'y'", "import.meta", "'import(\"x\")'",
        "// import('x')", "importer('x')", "obj.import('x')", "import"})
    void textThatIsNoImportCallHasNoAttributes(String text) {
        assertThat(ModuleRequestScanner.importCallAttributes(text)).isEmpty();
    }

    // --- robustness -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "import", "export", "import {", "export {", "import * as", "export * as", "import x from",
        "import 'unterminated", "import \"unterminated\nimport 'next'", "const t = `unterminated ${ import 'x'",
        "const t = `unterminated", "/* unterminated comment import 'x'", "/unterminated regex",
        "import('x', {", "import('x', { with: { type: ", "(((", ")))", "}}}{{{", "`${`${`${", "\\", "\\u", "\\u{",
        "'\\u{110000}'", "'\\x'", "\"\\", "#", "#!", "0x", "1e", "?.5", "...", "\uD800", "\uDC00import",
        "import 'a' with { type: }", "import 'a' with {", "export * from", "import.", "import(", "import((",
    })
    void neverThrowsOnMalformedInput(String source) {
        assertThatCode(() -> {
            ModuleRequestScanner.scan(source);
            ModuleRequestScanner.importCallAttributes(source);
        }).doesNotThrowAnyException();
    }

    @Test
    void neverThrowsNorStallsOnRandomInput() {
        String[] pieces = {"import", "export", "from", "with", "assert", "as", "*", "{", "}", "(", ")", "[", "]",
            "'", "\"", "`", "${", "/", "//", "/*", "*/", "\\", "\\u", "\\u{", "\n", " ", ",", ":", ".", "?.",
            "...", "meta", "x", "1", "if", "return", "#", "\uD83D", "\u2028", ";"};
        Random random = new Random(20240611L);
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int round = 0; round < 3000; round++) {
                StringBuilder source = new StringBuilder();
                int length = random.nextInt(40);
                for (int i = 0; i < length; i++) {
                    if (random.nextInt(8) == 0) {
                        source.append((char) random.nextInt(0x10000)); // arbitrary UTF-16 units, lone surrogates too
                    } else {
                        source.append(pieces[random.nextInt(pieces.length)]);
                    }
                }
                String text = source.toString();
                assertThatCode(() -> {
                    ModuleRequestScanner.scan(text);
                    ModuleRequestScanner.importCallAttributes(text);
                }).as("input %s", text.codePoints().mapToObj(Integer::toHexString).toList())
                        .doesNotThrowAnyException();
            }
        });
        // Long degenerate inputs finish quickly too (the scan is documented as linear).
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(scan("import ".repeat(200_000))).isEmpty();
            assertThat(scan("{".repeat(200_000) + "import 'x'")).isEmpty();
            assertThat(ModuleRequestScanner.importCallAttributes("(".repeat(5_000) + "import('x')"
                    + ")".repeat(5_000))).contains(Map.of());
        });
    }

    @Test
    void nullInputIsTreatedAsEmpty() {
        assertThat(scan(null)).isEmpty();
        assertThat(usesImportMeta(null)).isFalse();
        assertThat(ModuleRequestScanner.importCallAttributes(null)).isEmpty();
    }

    @Test
    void requestsAreImmutable() {
        List<ModuleRequest> requests = scan("import a from './a.json' with { type: 'json' };");

        assertThat(requests).singleElement().satisfies(request -> {
            assertThatThrownBy(() -> request.attributes().put("x", "y"))
                    .isInstanceOf(UnsupportedOperationException.class);
        });
        assertThatThrownBy(() -> requests.add(plain("b"))).isInstanceOf(UnsupportedOperationException.class);
    }
}
