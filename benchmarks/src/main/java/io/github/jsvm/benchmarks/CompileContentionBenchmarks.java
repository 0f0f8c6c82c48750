package io.github.jsvm.benchmarks;

import io.github.jsvm.Vm;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One tenant's small compile while another tenant of the same {@code Vm} compiles huge sources:
 * what the small compile waits for. Not a row of {@code RESULTS.md} (Node compiles on one thread);
 * run it on its own:
 * {@code org.openjdk.jmh.Main 'CompileContentionBenchmarks' -f 1 -wi 10 -i 10 -w 1s -r 1s}.
 * Compare {@code beside:smallCompile} with {@code smallCompileAlone}.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CompileContentionBenchmarks {
    private final AtomicLong unique = new AtomicLong();
    private Vm vm;
    private String source1k;
    private String source1m;

    @Setup
    public void setUp() {
        vm = Vm.create();
        source1k = JsvmBenchmarks.source(1);
        source1m = JsvmBenchmarks.source(1024);
    }

    @TearDown
    public void tearDown() {
        vm.close();
    }

    /** A unique 1 KB source compiled while the other thread of the group compiles 1 MB sources. */
    @Benchmark
    @Group("beside")
    @GroupThreads(1)
    public Object smallCompile() {
        return compileUnique(source1k);
    }

    /** The other tenant: unique 1 MB sources, one after the other. */
    @Benchmark
    @Group("beside")
    @GroupThreads(1)
    public Object hugeCompile() {
        return compileUnique(source1m);
    }

    /** The same small compile with nothing else going on: the baseline. */
    @Benchmark
    @Group("alone")
    @GroupThreads(1)
    public Object smallCompileAlone() {
        return compileUnique(source1k);
    }

    /** Compiles {@code text} under a unique first line, so that no compile is a cache hit. */
    private Object compileUnique(String text) {
        return vm.compile("//" + unique.getAndIncrement() + "\n" + text);
    }
}
