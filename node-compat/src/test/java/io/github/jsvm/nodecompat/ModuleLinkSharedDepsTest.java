package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.ModuleOptions;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.VmContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's regression test for issue 59480: a linker may return the same module (a dependency shared by
 * two modules) more than once. An index module importing {@code ./foo.js} and {@code ./shared.js}, where
 * {@code ./foo.js} imports {@code ./shared.js} too, links and evaluates; its default export reads both
 * modules' names, and the linker is asked for each request once. The modules are cached by identifier as
 * in Node; Node's asynchronous linker, which defers a tick to provoke the race, is a synchronous
 * {@code ModuleLinker} here (jsvm links in one call). The default export, an object of objects, is read
 * through the namespace as a copy.
 */
@NodeTest("test/parallel/test-vm-module-link-shared-deps.js")
class ModuleLinkSharedDepsTest extends NodeVmTest {
    private static final Map<String, String> SOURCES = Map.of(
            "./index.js", "import foo from \"./foo.js\";\nimport shared from \"./shared.js\";\nexport default { foo, shared };",
            "./foo.js", "import shared from \"./shared.js\";\nexport default { name: \"foo\" };",
            "./shared.js", "export default { name: \"shared\" };");

    private record Imported(List<Object> names, List<List<String>> requests) {}

    private static Imported esmImport(String identifier) {
        try (VmContext context = vm.createContext()) {
            Map<String, SourceTextModule> moduleCache = new HashMap<>();
            java.util.function.Function<String, SourceTextModule> instance = id -> moduleCache.computeIfAbsent(id,
                    key -> vm.sourceTextModule(SOURCES.get(key), ModuleOptions.builder().context(context).identifier(key).build()));
            List<List<String>> requests = new ArrayList<>();
            SourceTextModule module = instance.apply(identifier);
            module.link((specifier, referrer, attributes) -> {
                requests.add(List.of(specifier, referrer.identifier()));
                return instance.apply(specifier);
            });
            module.evaluate();
            Map<?, ?> exported = (Map<?, ?>) module.namespace().get("default");
            List<Object> names = List.of(((Map<?, ?>) exported.get("foo")).get("name"), ((Map<?, ?>) exported.get("shared")).get("name"));
            return new Imported(names, requests);
        }
    }

    @Test
    @DisplayName("test-vm-module-link-shared-deps.js: the index module's default export reads foo's name 'foo'")
    void fooIsLinked() {
        assertThat(esmImport("./index.js").names().get(0)).isEqualTo("foo");
    }

    @Test
    @DisplayName("test-vm-module-link-shared-deps.js: the index module's default export reads the shared module's name 'shared'")
    void sharedIsLinked() {
        assertThat(esmImport("./index.js").names().get(1)).isEqualTo("shared");
    }

    @Test
    @DisplayName("test-vm-module-link-shared-deps.js: the linker is asked once per request, without duplicates: foo and shared for index, shared for foo")
    void noDuplicatedRequests() {
        assertThat(esmImport("./index.js").requests()).containsExactly(
                List.of("./foo.js", "./index.js"), List.of("./shared.js", "./index.js"), List.of("./shared.js", "./foo.js"));
    }
}
