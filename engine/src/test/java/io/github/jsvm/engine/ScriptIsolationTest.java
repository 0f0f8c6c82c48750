package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.Script;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptIsolationTest extends SharedVmTest {
    @Test
    void oneScriptInThreeContextsGivesThreeIndependentStates() {
        Script counter = vm.compile("""
                var count = (typeof count === 'number' ? count : 0) + 1;
                Array.prototype.touchedBy = (Array.prototype.touchedBy || 0) + 1;
                [count, [].touchedBy]
                """);
        List<VmContext> contexts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            contexts.add(vm.createContext());
        }
        try {
            assertThat(counter.runInContext(contexts.get(0))).isEqualTo(List.of(1, 1));
            assertThat(counter.runInContext(contexts.get(0))).isEqualTo(List.of(2, 2));
            assertThat(counter.runInContext(contexts.get(1))).isEqualTo(List.of(1, 1));
            assertThat(counter.runInContext(contexts.get(0))).isEqualTo(List.of(3, 3));
            assertThat(counter.runInContext(contexts.get(2))).isEqualTo(List.of(1, 1));
            assertThat(contexts.get(1).global("count")).isEqualTo(1);
        } finally {
            contexts.forEach(VmContext::close);
        }
    }

    @Test
    void builtInsAreSeparatePerContext() {
        try (VmContext polluted = vm.createContext(); VmContext clean = vm.createContext()) {
            vm.compile("Object.prototype.polluted = true; JSON.parse = () => 'hijacked'").runInContext(polluted);
            Script probe = vm.compile("[({}).polluted === undefined, JSON.parse('1')]");
            assertThat(probe.runInContext(clean)).isEqualTo(List.of(true, 1));
            assertThat(probe.runInContext(polluted)).isEqualTo(List.of(false, "hijacked"));
        }
    }

    @Test
    void eachContextKeepsItsOwnTimeZone() {
        Script local = vm.compile("[new Date(0).getHours(), Intl.DateTimeFormat().resolvedOptions().timeZone,"
                + " new Date(2020, 0, 1).getTime()]");
        ContextOptions tokyo = ContextOptions.builder().timeZone(ZoneId.of("Asia/Tokyo")).build();
        ContextOptions newYork = ContextOptions.builder().timeZone(ZoneId.of("America/New_York")).build();
        try (VmContext east = vm.createContext(Map.of(), tokyo); VmContext west = vm.createContext(Map.of(), newYork);
                VmContext host = vm.createContext()) {
            for (int round = 0; round < 2; round++) { // the second round runs the same parsed code again
                assertThat(local.runInContext(east)).isEqualTo(List.of(9, "Asia/Tokyo",
                        LocalDateTime.of(2020, 1, 1, 0, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant().toEpochMilli()));
                assertThat(local.runInContext(west)).isEqualTo(List.of(19, "America/New_York",
                        LocalDateTime.of(2020, 1, 1, 0, 0).atZone(ZoneId.of("America/New_York")).toInstant().toEpochMilli()));
                assertThat(((List<?>) local.runInContext(host)).get(0))
                        .isEqualTo(Instant.EPOCH.atZone(ZoneId.systemDefault()).getHour());
            }
        }
    }

    @Test
    void runInNewContextUsesAFreshContextEachTime() {
        Script script = vm.compile("globalThis.seen = (globalThis.seen || 0) + y; seen");
        assertThat(script.runInNewContext(Map.of("y", 2))).isEqualTo(2);
        assertThat(script.runInNewContext(Map.of("y", 2))).isEqualTo(2);
    }

    @Test
    void scriptsRunOnlyInContextsOfTheirOwnVm() {
        try (Vm other = Vm.create(); VmContext foreign = other.createContext()) {
            Script script = vm.compile("1");
            assertThatThrownBy(() -> script.runInContext(foreign))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("was not created by");
            assertThat(vm.isContext(foreign)).isFalse();
            assertThat(other.isContext(foreign)).isTrue();
            assertThat(vm.isContext("not a context")).isFalse();
        }
    }

    @Test
    void aScriptCanBeRunConcurrentlyInDifferentContexts() throws Exception {
        Script script = vm.compile("let s = 0; for (let i = 0; i < 1000; i++) s += i; s + tag");
        List<Thread> threads = new ArrayList<>();
        List<Object> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int tag = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 50; i++) {
                    results.add(script.runInNewContext(Map.of("tag", tag)));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(results).hasSize(200);
        for (int tag = 0; tag < 4; tag++) {
            Integer expected = 499500 + tag;
            assertThat(results).filteredOn(expected::equals).as("results of thread %d", tag).hasSize(50);
        }
    }

    @Test
    void runInThisContextRunsInTheMainContextThatCompiledFunctionsShare() {
        try (Vm own = Vm.create()) {
            own.compile("var mainCounter = 41;").runInThisContext();
            assertThat(own.compile("++mainCounter").runInThisContext()).isEqualTo(42);
            assertThat(own.compileFunction("return mainCounter;", List.of(), io.github.jsvm.FunctionOptions.defaults()).call())
                    .isEqualTo(42);
            try (VmContext other = own.createContext()) {
                assertThat(own.compile("typeof mainCounter").runInContext(other)).isEqualTo("undefined");
            }
            own.close();
            assertThatThrownBy(() -> own.compile("1").runInThisContext()).isInstanceOf(io.github.jsvm.VmClosedException.class);
        }
    }

    @Test
    void sourceMapUrlIsReadFromTheLastMagicComment() {
        assertThat(vm.compile("function f() {}").sourceMapURL()).isNull();
        assertThat(vm.compile("function f() {}\n// sourceMappingURL=missing-hash.json\n").sourceMapURL()).isNull();
        assertThat(vm.compile("function f() {}\n//# sourceMappingURL=sourcemap.json\n").sourceMapURL()).isEqualTo("sourcemap.json");
        assertThat(vm.compile("//@ sourceMappingURL=old.map\nx;\n  //# sourceMappingURL=new.map  ").sourceMapURL()).isEqualTo("new.map");
    }
}
