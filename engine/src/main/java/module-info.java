/**
 * The GraalJS engine behind the jsvm API. Exports nothing: applications use {@code io.github.jsvm}
 * and find this implementation through {@link java.util.ServiceLoader}.
 */
module io.github.jsvm.engine {
    requires transitive io.github.jsvm;
    requires org.graalvm.polyglot;
    requires org.graalvm.truffle;
    requires org.slf4j;
    requires com.github.benmanes.caffeine;
    requires java.logging;
    requires java.management;
    requires jdk.management;

    provides io.github.jsvm.spi.VmProvider with io.github.jsvm.engine.GraalJsVmProvider;
    provides com.oracle.truffle.api.instrumentation.provider.TruffleInstrumentProvider
            with io.github.jsvm.engine.DataImportGuard.Provider, io.github.jsvm.engine.StatementCounter.Provider,
                    io.github.jsvm.engine.StackDepthLimiter.Provider, io.github.jsvm.engine.AllocationCheck.Provider;
}
