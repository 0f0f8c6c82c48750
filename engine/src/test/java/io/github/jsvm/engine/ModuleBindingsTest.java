package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleBindingsTest {

    private static ModuleBindings bindings(String moduleSource) {
        return ModuleRequestScanner.scan(moduleSource).bindings();
    }

    @Test
    void declarationsOfEveryKindExportTheirNames() {
        ModuleBindings bindings = bindings("""
                export const a = 1, b = f(1, 2), c = { d: 1 }, e = [1, 2];
                export let g
                export var h = () => { return 1; }
                export function i() {}
                export async function j() {}
                export function* k() {}
                export class L {}
                export default 42;
                """);
        assertThat(bindings.complete()).isTrue();
        assertThat(bindings.localExports()).containsExactly("a", "b", "c", "e", "g", "h", "i", "j", "k", "L", "default");
        assertThat(bindings.hoisted()).isEqualTo(Map.of("h", ModuleBindings.Hoisted.VAR, "i", ModuleBindings.Hoisted.FUNCTION,
                "j", ModuleBindings.Hoisted.FUNCTION, "k", ModuleBindings.Hoisted.FUNCTION));
    }

    @Test
    void destructuringPatternsExportEveryBoundNameAndNoKey() {
        ModuleBindings bindings = bindings(
                "export const { a, b: { c }, 'd': [e, , f = 1, ...g], [key]: h, i = { j: 2 }, ...k } = o, [l, { m }] = p;");
        assertThat(bindings.complete()).isTrue();
        assertThat(bindings.localExports()).containsExactly("a", "c", "e", "f", "g", "h", "i", "k", "l", "m");
    }

    @Test
    void automaticSemicolonInsertionEndsADeclaration() {
        ModuleBindings bindings = bindings("export const a = 1\nlet b = 2, c = 3\nexport { b }");
        assertThat(bindings.localExports()).containsExactly("a", "b");
    }

    @Test
    void namedAndStarExportsAndTheirRequests() {
        ModuleBindings bindings = bindings("""
                const x = 1, y = 2;
                export { x, y as 'why', x as default };
                export { a as b, default as c } from './dep.js';
                export * from './all.js';
                export * as ns from './ns.js';
                """);
        assertThat(bindings.complete()).isTrue();
        assertThat(bindings.localExports()).containsExactly("x", "why", "default", "b", "c", "ns");
        assertThat(bindings.starExports()).containsExactly("./all.js");
        assertThat(bindings.importedNames()).isEqualTo(Map.of("./dep.js", Set.of("a", "default")));
    }

    @Test
    void eachExportNamesWhereItsBindingLives() {
        ModuleBindings bindings = bindings("""
                export { imported as again, local as renamed, all };
                import { x as imported } from './dep.js';
                import * as all from './all.js';
                const local = 1;
                export let declared;
                export default async function named() {}
                export { a as b } from './other.js';
                export * as ns from './ns.js';
                """);
        assertThat(bindings.targets()).isEqualTo(Map.of(
                "again", new ModuleBindings.Target("./dep.js", "x"),
                "renamed", ModuleBindings.Target.local("local"),
                "all", ModuleBindings.Target.local("all"),
                "declared", ModuleBindings.Target.local("declared"),
                "default", ModuleBindings.Target.local("named"),
                "b", new ModuleBindings.Target("./other.js", "a"),
                "ns", new ModuleBindings.Target("./ns.js", ModuleBindings.Target.NAMESPACE)));
        assertThat(bindings("export default 1 + 2;").targets())
                .isEqualTo(Map.of("default", ModuleBindings.Target.local(ModuleBindings.Target.DEFAULT_BINDING)));
    }

    @Test
    void importsByNameAreCollectedPerSpecifier() {
        ModuleBindings bindings = bindings("""
                import def from 'a';
                import { x, y as z, 'str' as s, default as d2 } from 'b';
                import * as all from 'c';
                import def2, { w } from 'b';
                import from from 'e';
                import 'side-effect';
                const later = import('dynamic');
                console.log(import.meta.url);
                """);
        assertThat(bindings.complete()).isTrue();
        assertThat(bindings.importedNames()).isEqualTo(Map.of(
                "a", Set.of("default"), "b", Set.of("x", "y", "str", "default", "w"), "c", Set.of(), "e", Set.of("default")));
        assertThat(bindings.localExports()).isEmpty();
    }

    @Test
    void exportsInsideBlocksStringsAndCommentsAreNotExports() {
        ModuleBindings bindings = bindings("""
                // export const commented = 1;
                const text = "export const inString = 1";
                const template = `export const inTemplate = ${1}`;
                function f() { return { export: 1 }; }
                export const real = text;
                """);
        assertThat(bindings.localExports()).containsExactly("real");
    }

    @Test
    void unknownShapesMakeTheReadingIncomplete() {
        for (String text : List.of("export const", "export { a b }", "export const { a: } = o;", "import source x from 'y';",
                "export * as from;")) {
            assertThat(bindings(text).complete()).as(text).isFalse();
        }
    }
}
