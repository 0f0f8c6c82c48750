package io.github.jsvm.leaktest;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.ObjectName;
import shark.ApplicationLeak;
import shark.CloseableHeapGraph;
import shark.FilteringLeakingObjectFinder;
import shark.HeapAnalysis;
import shark.HeapAnalysisSuccess;
import shark.HeapAnalyzer;
import shark.HeapObject;
import shark.HprofHeapGraph;
import shark.HprofRecordTag;
import shark.IgnoredReferenceMatcher;
import shark.LibraryLeak;
import shark.MetadataExtractor;
import shark.ReferenceMatcher;
import shark.ReferencePattern;

/** Heap dumps, class histograms and retention paths, through the JVM's diagnostic beans and Shark. */
final class HeapDumps {
    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";
    private static final String HOTSPOT_DIAGNOSTIC = "com.sun.management:type=HotSpotDiagnostic";

    private HeapDumps() {}

    /** Writes a dump of the live heap (a full collection runs first) to {@code file}, replacing it. */
    static Path dumpLiveHeap(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(HOTSPOT_DIAGNOSTIC), "dumpHeap",
                    new Object[] {file.toAbsolutePath().toString(), true}, new String[] {"java.lang.String", "boolean"});
            return file;
        } catch (IOException | JMException e) {
            throw new IllegalStateException("Cannot dump the heap to " + file + ": " + e, e);
        }
    }

    /** Live instances of exactly {@code className} after a full collection (the JVM's class histogram). */
    static long liveInstances(String className) {
        String histogram;
        try {
            histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(DIAGNOSTIC_COMMAND),
                    "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("Cannot read the class histogram: " + e, e);
        }
        for (String line : histogram.lines().toList()) {
            String[] columns = line.trim().split("\\s+");
            // "   1:   12345   678901  com.example.Type (module@version)"
            if (columns.length >= 4 && columns[0].endsWith(":") && columns[3].equals(className)) {
                return Long.parseLong(columns[1]);
            }
        }
        return 0;
    }

    /**
     * The shortest strong reference path from a GC root to an instance of {@code className} in
     * {@code dump}, as Shark prints it, or a note saying why there is none.
     */
    static String retentionPath(Path dump, String className) {
        HeapAnalyzer analyzer = new HeapAnalyzer(step -> { });
        FilteringLeakingObjectFinder finder = new FilteringLeakingObjectFinder(List.of(
                (FilteringLeakingObjectFinder.LeakingObjectFilter) object ->
                        object instanceof HeapObject.HeapInstance instance && instance.instanceOf(className)));
        // Weak, soft and phantom references do not retain: ignore their referent fields.
        List<ReferenceMatcher> ignored = List.of(
                new IgnoredReferenceMatcher(new ReferencePattern.InstanceFieldPattern("java.lang.ref.Reference", "referent")),
                new IgnoredReferenceMatcher(new ReferencePattern.InstanceFieldPattern("java.lang.ref.Reference", "discovered")),
                new IgnoredReferenceMatcher(new ReferencePattern.InstanceFieldPattern("java.lang.ref.Reference", "next")));
        Set<HprofRecordTag> roots = java.util.Arrays.stream(HprofRecordTag.values())
                .filter(tag -> tag.name().startsWith("ROOT_"))
                .collect(Collectors.toSet());
        File file = dump.toFile();
        try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(file, null, roots)) {
            HeapAnalysis analysis = analyzer.analyze(file, graph, finder, ignored, false, List.of(),
                    MetadataExtractor.Companion.getNO_OP());
            if (!(analysis instanceof HeapAnalysisSuccess success)) {
                return "(Shark could not analyse " + dump + ": " + analysis + ")";
            }
            for (ApplicationLeak leak : success.getApplicationLeaks()) {
                return leak.getLeakTraces().get(0).toString();
            }
            for (LibraryLeak leak : success.getLibraryLeaks()) {
                return leak.getLeakTraces().get(0).toString();
            }
            return "(no strong path from a GC root to a " + className + " in " + dump + ")";
        } catch (IOException | RuntimeException e) {
            return "(reading " + dump + " failed: " + e + ")";
        }
    }
}
