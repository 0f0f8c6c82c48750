package io.github.jsvm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ES module entries, imports of files, and the module root that nothing can read past. */
class JsvmRunModulesTest {
    private static final String SECRET = "the secret outside the root";

    @TempDir
    Path dir;
    private Path app;
    private Path outside;

    @BeforeEach
    void layOutFiles() throws IOException {
        app = Files.createDirectories(dir.resolve("app"));
        outside = Files.createDirectories(dir.resolve("outside"));
        write(outside.resolve("secret.mjs"), "export default '" + SECRET + "'; console.log('" + SECRET + "');");
        write(outside.resolve("secret.json"), "{\"secret\": \"" + SECRET + "\"}");
        write(app.resolve("lib/math.mjs"), "export const twice = (x) => x * 2;");
        write(app.resolve("lib/uses-parent.mjs"), "export { twice } from '../lib/math.mjs';");
        write(app.resolve("data.json"), "{\"name\": \"jsvm\", \"list\": [1, 2]}");
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void anMjsEntryRunsAsAModuleWithStaticDynamicAndJsonImportsAndTopLevelAwait() throws IOException {
        Path main = write(app.resolve("main.mjs"), """
                import { twice } from './lib/uses-parent.mjs';
                import data from './data.json' with { type: 'json' };
                const value = await Promise.resolve(21);
                const again = await import('./lib/math.mjs');
                console.log(twice(value), data.name, data.list.length, again.twice(5), typeof require);
                """);
        Outcome outcome = Outcome.of("", main.toString());
        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).isEqualTo("42 jsvm 2 10 undefined\n");
    }

    @Test
    void moduleFlagRunsAnyFileAsAModule() throws IOException {
        Path main = write(app.resolve("main.js"), "import { twice } from './lib/math.mjs';\nconsole.log(twice(4), this);");
        assertThat(Outcome.of("", "--module", main.toString()).out()).isEqualTo("8 undefined\n");
        Outcome asScript = Outcome.of("", main.toString());
        assertThat(asScript.exitCode()).isEqualTo(1);
        assertThat(asScript.err()).contains("SyntaxError");
    }

    @Test
    void aScriptEntrysImportUsesTheSameLoader() throws IOException {
        Path script = write(app.resolve("script.js"),
                "import('./lib/math.mjs').then((m) => console.log('twice', m.twice(21)));\n"
                        + "import('./data.json', { with: { type: 'json' } }).then((m) => console.log(m.default.name)); undefined");
        Outcome outcome = Outcome.of("", script.toString());
        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.out()).isEqualTo("twice 42\njsvm\n");
        Outcome inline = Outcome.of("", "--module-root", app.toString(), "-e",
                "import('./lib/math.mjs').then((m) => console.log(m.twice(1)))");
        assertThat(inline.out()).isEqualTo("2\n");
    }

    @Test
    void aWiderModuleRootLetsTheEntryImportItsParentsFiles() throws IOException {
        write(dir.resolve("shared/greeting.mjs"), "export default 'hello';");
        Path main = write(app.resolve("main.mjs"), "import greeting from '../shared/greeting.mjs';\nconsole.log(greeting);");
        Outcome narrow = Outcome.of("", main.toString());
        assertThat(narrow.exitCode()).isEqualTo(1);
        assertThat(narrow.err()).contains("Cannot load '../shared/greeting.mjs': it resolves outside the module root")
                .doesNotContain("jsvm-run module loader");
        Outcome wide = Outcome.of("", "--module-root", dir.toString(), main.toString());
        assertThat(wide.err()).isEmpty();
        assertThat(wide.out()).isEqualTo("hello\n");
    }

    @Test
    void nothingOutsideTheRootIsReadableThroughDotDotAbsolutePathsOrSymlinks() throws IOException {
        Path link = app.resolve("link.mjs");
        Files.createSymbolicLink(link, outside.resolve("secret.mjs"));
        Files.createSymbolicLink(app.resolve("linked-dir"), outside);
        String[] imports = {
            "import s from '../outside/secret.mjs'; console.log(s);",
            "import s from '" + outside.resolve("secret.mjs") + "'; console.log(s);",
            "import s from 'file://" + outside.resolve("secret.mjs") + "'; console.log(s);",
            "import s from './link.mjs'; console.log(s);",
            "import s from './linked-dir/secret.json' with { type: 'json' }; console.log(s.secret);",
            "const s = await import('./lib/../../outside/secret.mjs'); console.log(s.default);",
        };
        for (String code : imports) {
            Path main = write(app.resolve("main.mjs"), code);
            Outcome outcome = Outcome.of("", main.toString());
            assertThat(outcome.exitCode()).as(code).isEqualTo(1);
            assertThat(outcome.out() + outcome.err()).as(code).doesNotContain(SECRET).contains("Error");
        }
        Outcome script = Outcome.of("", "-e", "import('" + link + "').then((m) => console.log(m.default))");
        assertThat(script.out() + script.err()).doesNotContain(SECRET);
        Outcome linkedEntry = Outcome.of("", link.toString());
        assertThat(linkedEntry.exitCode()).isEqualTo(1);
        assertThat(linkedEntry.out() + linkedEntry.err()).doesNotContain(SECRET).contains("links outside the module root");
    }

    @Test
    void aModuleErrorIsReportedWithItsStackAndExitsOne() throws IOException {
        Path main = write(app.resolve("main.mjs"), "const x = await 1;\nthrow new RangeError('bad ' + x);\n");
        Outcome outcome = Outcome.of("", main.toString());
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("RangeError: bad 1\n    at " + main + ":2:");
        Path missing = write(app.resolve("missing.mjs"), "import './nope.mjs';");
        Outcome notFound = Outcome.of("", missing.toString());
        assertThat(notFound.exitCode()).isEqualTo(1);
        assertThat(notFound.err()).startsWith("Error: Cannot find module '" + app.resolve("nope.mjs") + "'");
    }

    @Test
    void aTopLevelAwaitThatNeverSettlesExitsThirteenAsNode() throws IOException {
        Path main = write(app.resolve("main.mjs"), "console.log('before');\nawait new Promise(() => {});\nconsole.log('after');");
        Outcome outcome = Outcome.of("", main.toString());
        assertThat(outcome.exitCode()).isEqualTo(13);
        assertThat(outcome.out()).isEqualTo("before\n");
        assertThat(outcome.err()).contains("unsettled top-level await");
    }

    @Test
    void aBadModuleRootIsAUsageError() throws IOException {
        Path main = write(app.resolve("main.mjs"), "1");
        Outcome missingRoot = Outcome.of("", "--module-root", dir.resolve("nope").toString(), main.toString());
        assertThat(missingRoot.exitCode()).isEqualTo(2);
        assertThat(missingRoot.err()).contains("--module-root " + dir.resolve("nope") + " is not a directory");
        Outcome entryOutside = Outcome.of("", "--module-root", outside.toString(), main.toString());
        assertThat(entryOutside.exitCode()).isEqualTo(2);
        assertThat(entryOutside.err()).contains(main + " is not below the module root " + outside);
    }
}
