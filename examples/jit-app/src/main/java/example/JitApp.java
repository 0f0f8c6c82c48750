package example;

import io.github.jsvm.RuntimeInfo;
import io.github.jsvm.Vm;
import java.util.Map;

/**
 * An application embedding jsvm: runs a compute-heavy script and exits with status 1 unless the
 * JIT compiled it ({@link RuntimeInfo#optimizing()}).
 */
public final class JitApp {
    private JitApp() {}

    /** Runs {@code fib(25)} in a sandboxed context and reports whether the JIT is on. */
    public static void main(String[] args) {
        try (Vm vm = Vm.create()) {
            RuntimeInfo info = vm.runtimeInfo();
            Object result = vm.compile("function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); } fib(25)")
                    .runInNewContext(Map.of());
            System.out.println("fib(25) = " + result + " on " + info.implementationName() + " " + info.version()
                    + (info.optimizing() ? ", JIT on" : ", JIT off"));
            if (!info.optimizing()) {
                System.exit(1);
            }
        }
    }
}
