package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.RunOptions;
import io.github.jsvm.RunUsage;
import io.github.jsvm.Script;
import io.github.jsvm.VmContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ContextOptions#consoleOutputLimit()}, {@link RunOptions#consoleOutputLimit()} and the console figures of {@link RunUsage}. */
class ConsoleOutputLimitTest extends SharedVmTest {
    /** Three lines of ten bytes each, then the script goes on: the guest is never stopped. */
    private static final String THREE_LINES = "console.log('line-one-'); console.log('line-two-'); console.log('line-3---'); 'went on'";

    private static String text(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theContextsCapDropsWhatGoesPastItAfterOneMarkerLineForTheContextsWholeLife() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<RunUsage> usages = new ArrayList<>();
        RunOptions listened = RunOptions.builder().usageListener(usages::add).build();
        try (VmContext context = vm.createContext(Map.of(), ContextOptions.builder().consoleOutput(out).consoleOutputLimit(25).build())) {
            Script script = vm.compile(THREE_LINES);
            assertThat(script.runInContext(context, listened)).isEqualTo("went on");
            assertThat(text(out)).isEqualTo("line-one-\nline-two-\nline-\n[jsvm: console output truncated: the context's limit of 25 bytes reached]\n");
            assertThat(script.runInContext(context, listened)).isEqualTo("went on");
            assertThat(text(out)).as("nothing more, and no second marker").endsWith("reached]\n").hasLineCount(4);
        }
        assertThat(usages).extracting(RunUsage::consoleBytes).containsExactly(30L, 30L);
        assertThat(usages).extracting(RunUsage::consoleTruncated).containsExactly(true, true);
    }

    @Test
    void theRunsCapDropsWhatGoesPastItWithOneMarkerPerRunAndTheNextRunStartsAfresh() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<RunUsage> usages = new ArrayList<>();
        RunOptions capped = RunOptions.builder().consoleOutputLimit(10).usageListener(usages::add).build();
        try (VmContext context = vm.createContext(Map.of(), ContextOptions.builder().consoleOutput(out).build())) {
            Script script = vm.compile(THREE_LINES);
            script.runInContext(context, capped);
            script.runInContext(context, capped);
            String marker = "[jsvm: console output truncated: this run's limit of 10 bytes reached]\n";
            assertThat(text(out)).isEqualTo("line-one-\n" + marker + "line-one-\n" + marker);
            script.runInContext(context, RunOptions.builder().usageListener(usages::add).build());
            assertThat(text(out)).as("a run without a cap writes everything").endsWith(marker + "line-one-\nline-two-\nline-3---\n");
        }
        assertThat(usages).extracting(RunUsage::consoleTruncated).containsExactly(true, true, false);
        assertThat(usages).extracting(RunUsage::consoleBytes).containsExactly(30L, 30L, 30L);
    }

    @Test
    void aRunWhoseOnlyOptionIsTheConsoleCapIsCapped() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (VmContext context = vm.createContext(Map.of(), ContextOptions.builder().consoleOutput(out).build())) {
            vm.compile(THREE_LINES).runInContext(context, RunOptions.builder().consoleOutputLimit(10).build());
            assertThat(text(out)).isEqualTo("line-one-\n[jsvm: console output truncated: this run's limit of 10 bytes reached]\n");
        }
    }

    @Test
    void theContextsRunOptionsCapEveryRunAndOutputAndErrorShareTheCount() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ContextOptions options = ContextOptions.builder().consoleOutput(out).consoleError(err)
                .runOptions(RunOptions.builder().consoleOutputLimit(12).build()).build();
        try (VmContext context = vm.createContext(Map.of(), options)) {
            vm.compile("console.log('1234567'); console.error('abcdefg'); console.warn('dropped')").runInContext(context);
            assertThat(text(out)).isEqualTo("1234567\n");
            assertThat(text(err)).isEqualTo("abcd\n[jsvm: console output truncated: this run's limit of 12 bytes reached]\n");
        }
    }

    @Test
    void aCutNeverSplitsACharacterAndUnlimitedRunsAreCountedButNotCut() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<RunUsage> usages = new ArrayList<>();
        try (VmContext context = vm.createContext(Map.of(), ContextOptions.builder().consoleOutput(out).build())) {
            vm.compile("console.log('ééé')").runInContext(context, RunOptions.builder().consoleOutputLimit(5).usageListener(usages::add).build());
            assertThat(text(out)).startsWith("éé\n[jsvm: console output truncated");
            vm.compile("console.log('x'.repeat(100000))").runInContext(context, RunOptions.builder().usageListener(usages::add).build());
        }
        assertThat(usages).extracting(RunUsage::consoleBytes).containsExactly(7L, 100_001L);
        assertThat(usages).extracting(RunUsage::consoleTruncated).containsExactly(true, false);
    }

    @Test
    void aContextWithoutAConsoleStillCountsWhatTheGuestWrote() {
        List<RunUsage> usages = new ArrayList<>();
        try (VmContext context = vm.createContext()) {
            vm.compile("console.log('hello')").runInContext(context, RunOptions.builder().usageListener(usages::add).build());
        }
        assertThat(usages).extracting(RunUsage::consoleBytes).containsExactly(6L);
    }
}
