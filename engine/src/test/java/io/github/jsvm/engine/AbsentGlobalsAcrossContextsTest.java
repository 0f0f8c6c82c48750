package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.JsException;
import io.github.jsvm.JsFunction;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One tenant's run never changes another's result through global names (GraalJS issue 1067 and its
 * siblings). Context X declares a global (mostly lexically), context Y does not, and one script that
 * uses the name runs in them in several orders. The results must equal those of the same sequence on
 * Vms that share nothing (one Vm per context letter), where no shared code can carry state across;
 * in every sharing layer, as each layer has shared code of its own.
 */
class AbsentGlobalsAcrossContextsTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static Vm shared;
    private static Vm aloneX;
    private static Vm aloneY;

    /** A case: what X and Y run first, then the code that runs in each context of the order ({@code a} is renamed per case). */
    record Case(String name, String setupX, String setupY, String code) {}

    private static final List<Case> CASES = List.of(
            new Case("read const", "const a = 0;", "", "const b = a + 10; b"),
            new Case("read let", "let a = 1;", "", "a"),
            new Case("read class", "class a {}", "", "typeof a === 'function'"),
            new Case("read var", "var a = 1;", "", "a"),
            new Case("typeof let", "let a = 1;", "", "typeof a"),
            new Case("sloppy assignment to let", "let a = 1;", "", "a = 5; [a, Object.getOwnPropertyDescriptor(globalThis, 'a') !== undefined].join()"),
            new Case("sloppy assignment to const", "const a = 1;", "", "a = 5; a"),
            new Case("strict assignment to let", "let a = 1;", "", "'use strict'; a = 5; a"),
            new Case("compound assignment", "let a = 1;", "", "a += 1; a"),
            new Case("increment", "let a = 1;", "", "a++; a"),
            new Case("delete", "let a = 1;", "", "[delete a, typeof a].join()"),
            new Case("lexical binding shadows a global property", "globalThis.a = 'prop'; let a = 'lex';", "globalThis.a = 'prop';", "a"),
            new Case("lexical bindings in both", "let a = 'lexX';", "let a = 'lexY';", "a"),
            new Case("closure reads", "let a = 1;", "", "(function () { return a; })"),
            new Case("closure writes", "let a = 1;", "", "(function () { a = 7; return [a, Object.getOwnPropertyDescriptor(globalThis, 'a') !== undefined].join(); })"),
            new Case("closure typeof", "let a = 1;", "", "(function () { return typeof a; })"),
            new Case("function declaration reads", "let a = 1;", "", "function f() { return a; } f"),
            new Case("call of a let function", "let a = () => 42;", "", "a()"),
            new Case("globalThis property of a lexical name", "let a = 1;", "", "globalThis.a"),
            new Case("var in Y, let in X", "let a = 'lexX';", "var a = 'varY';", "a"),
            new Case("new Function body", "let a = 1;", "", "new Function('return typeof a')()"),
            new Case("indirect eval", "let a = 1;", "", "(0, eval)('typeof a')"),
            new Case("global object property", "globalThis.a = 3;", "", "typeof a === 'undefined' ? 'absent' : a"));

    private static final List<String> ORDERS = List.of("YX", "XY", "YXY", "XYX", "YYXX");

    @BeforeAll
    static void createVms() {
        shared = Vm.create();
        aloneX = Vm.create();
        aloneY = Vm.create();
    }

    @AfterAll
    static void closeVms() {
        shared.close();
        aloneX.close();
        aloneY.close();
    }

    /* Each sharing layer (GraalJS shares code only between contexts whose language options match). */
    private static final Map<String, ContextOptions> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("default options", ContextOptions.defaults());
        LAYERS.put("no code generation", ContextOptions.builder().codeGenerationFromStrings(false).build());
        LAYERS.put("failing on unhandled rejections", ContextOptions.builder().failOnUnhandledRejection(true).build());
        LAYERS.put("both", ContextOptions.builder().codeGenerationFromStrings(false).failOnUnhandledRejection(true).build());
    }

    static Stream<Arguments> cases() {
        return LAYERS.keySet().stream().flatMap(layer -> CASES.stream()
                .flatMap(c -> ORDERS.stream().map(order -> Arguments.of(c.name(), order, layer, c))));
    }

    @ParameterizedTest(name = "{0}, order {1}, {2}")
    @MethodSource("cases")
    void noContextSeesAnotherContextsGlobals(String name, String order, String layer, Case c) {
        // A fresh name per test: the bug lives in the engine's shared state for a name.
        String fresh = "g" + NAMES.incrementAndGet() + "_";
        Case renamed = new Case(name, c.setupX().replaceAll("\\ba\\b", fresh), c.setupY().replaceAll("\\ba\\b", fresh),
                c.code().replaceAll("\\ba\\b", fresh));
        ContextOptions options = LAYERS.get(layer);
        assertThat(run(renamed, order, options, shared, shared)).isEqualTo(run(renamed, order, options, aloneX, aloneY));
    }

    private static List<String> run(Case c, String order, ContextOptions options, Vm vmX, Vm vmY) {
        try (VmContext x = vmX.createContext(Map.of(), options); VmContext y = vmY.createContext(Map.of(), options)) {
            if (!c.setupX().isEmpty()) {
                vmX.compile(c.setupX()).runInContext(x);
            }
            if (!c.setupY().isEmpty()) {
                vmY.compile(c.setupY()).runInContext(y);
            }
            List<String> results = new ArrayList<>();
            for (char letter : order.toCharArray()) {
                Vm vm = letter == 'X' ? vmX : vmY;
                results.add(letter + ":" + outcome(vm, letter == 'X' ? x : y, c.code()));
            }
            return results;
        }
    }

    private static String outcome(Vm vm, VmContext context, String code) {
        try {
            Object result = vm.compile(code).runInContext(context);
            return String.valueOf(result instanceof JsFunction function ? function.call() : result);
        } catch (JsException e) {
            return e.errorName() + ": " + e.errorMessage();
        }
    }
}
