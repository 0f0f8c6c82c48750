package io.github.jsvm.leaktest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leak-test utility must pass what is collectable and fail, with a reason, what is not. */
class LeakTesterTest {
    /** Deliberately retained samples (the "leak"). */
    static final List<Object> RETAINED = new ArrayList<>();
    /** Softly held samples: collectable only under memory pressure. */
    static final List<SoftReference<Object>> SOFT = new ArrayList<>();

    @TempDir
    Path dumps;

    static final class Leaked {
        final byte[] payload = new byte[1024];
    }

    static final class Softly {
        final byte[] payload = new byte[1024];
    }

    private LeakTester tester() {
        return LeakTester.create(new LeakTestOptions(4, Duration.ofSeconds(20), 1, dumps, true));
    }

    @AfterEach
    void forget() {
        RETAINED.clear();
        SOFT.clear();
    }

    @Test
    void anUnreferencedObjectPassesWithAPlainCollection() {
        CollectionReport report = tester().assertCollectable("plain objects", () -> new byte[64]);
        assertThat(report.effort()).isEqualTo(CollectionReport.Effort.GC);
        assertThat(report.samplesCreated()).isEqualTo(1);
    }

    @Test
    void aSoftlyHeldObjectNeedsAllocationPressure() {
        CollectionReport report = tester().assertCollectable("soft objects", () -> {
            Softly sample = new Softly();
            SOFT.add(new SoftReference<>(sample));
            return sample;
        });
        assertThat(report.effort()).isEqualTo(CollectionReport.Effort.ALLOCATION_PRESSURE);
        LeakTester withoutPressure = LeakTester.create(tester().options().withClearSoftReferences(false).withMaxSamples(2));
        assertThatThrownBy(() -> withoutPressure.assertCollectable("soft objects without pressure", () -> {
            Softly sample = new Softly();
            SOFT.add(new SoftReference<>(sample));
            return sample;
        })).isInstanceOf(AssertionError.class);
    }

    @Test
    void aRetainedObjectFailsWithItsRetentionPathAndKeepsTheDump() throws Exception {
        assertThatThrownBy(() -> tester().assertCollectable("retained objects", () -> {
            Leaked sample = new Leaked();
            RETAINED.add(sample);
            return sample;
        })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("none of 4 samples was collected")
                .hasMessageContaining("LeakTesterTest.RETAINED")
                .hasMessageContaining("Heap dump kept at");
        try (var files = Files.list(dumps)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).anyMatch(name -> name.startsWith("retained-objects"));
        }
    }

    @Test
    void countingSeesCollectedAndRetainedInstances() {
        assertThat(tester().assertCollectableByCounting("counted", Leaked.class, 100, i -> new Leaked())).isEqualTo(100);
        assertThatThrownBy(() -> tester().assertCollectableByCounting("counted and retained", Leaked.class, 50, i -> RETAINED.add(new Leaked())))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("all 50 new")
                .hasMessageContaining("RETAINED");
    }

    @Test
    void staysAliveWhileItsHolderIsReachableAndNotLonger() {
        Object[] holder = {new Leaked()};
        WeakReference<Object> target = new WeakReference<>(holder[0]);
        tester().assertStaysAlive("held", target, holder);
        WeakReference<Object> orphan = new WeakReference<>(new Leaked());
        assertThatThrownBy(() -> tester().assertStaysAlive("orphan", orphan, "nothing"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("was collected although");
    }

    @Test
    void aPassingCheckCostsFarLessThanAHeapDump() {
        // Reported, not asserted as a time (the structural claim, asserted, is that a passing check never
        // dumps). A live heap like an application's: 64 MB in 64k small objects.
        List<byte[]> ballast = new ArrayList<>();
        for (int i = 0; i < 65_536; i++) {
            ballast.add(new byte[1024]);
        }
        LeakTester tester = tester();
        long checks = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            assertThat(tester.assertCollectable("cost", Object::new).effort()).isEqualTo(CollectionReport.Effort.GC);
        }
        double checkMillis = (System.nanoTime() - checks) / 10 / 1e6;
        long dump = System.nanoTime();
        Path file = HeapDumps.dumpLiveHeap(dumps.resolve("cost.hprof"));
        double dumpMillis = (System.nanoTime() - dump) / 1e6;
        long analysis = System.nanoTime();
        HeapDumps.retentionPath(file, "no.such.Type");
        double analysisMillis = (System.nanoTime() - analysis) / 1e6;
        System.out.printf("LEAKTEST-COST with %d MB live: passing check %.1f ms; one heap dump %.1f ms (%.0fx), "
                + "dump plus Shark analysis %.1f ms (%.0fx)%n", ballast.size() / 1024, checkMillis, dumpMillis,
                dumpMillis / checkMillis, dumpMillis + analysisMillis, (dumpMillis + analysisMillis) / checkMillis);
    }
}
