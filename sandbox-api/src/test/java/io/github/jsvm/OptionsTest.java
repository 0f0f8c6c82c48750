package io.github.jsvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every options type: its builder starts from {@code defaults()}, {@code toBuilder()} round-trips a value
 * with no component at its default, and each setter rejects what the record rejects, naming the field.
 */
class OptionsTest {

    private static final ImportModuleDynamically HOOK = (specifier, referrer, attributes) -> null;
    /** A context without an engine: options only hold it, and records compare it by identity. */
    private static final VmContext CONTEXT = (VmContext) Proxy.newProxyInstance(
            OptionsTest.class.getClassLoader(), new Class<?>[] {VmContext.class}, (proxy, method, args) -> switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> "context";
                default -> throw new UnsupportedOperationException(method.getName());
            });

    @Test
    void vmOptions() {
        assertThat(VmOptions.builder().build()).isEqualTo(VmOptions.defaults());
        assertThat(VmOptions.defaults().scriptCache()).isEqualTo(ScriptCacheOptions.defaults());
        VmOptions custom = VmOptions.builder().scriptCache(ScriptCacheOptions.disabled()).build();
        assertThat(custom.scriptCache()).isEqualTo(ScriptCacheOptions.disabled());
        assertThat(custom.toBuilder().build()).isEqualTo(custom);
        assertThat(VmOptions.defaults().warmUp()).isFalse();
        VmOptions warm = custom.toBuilder().warmUp(true).build();
        assertThat(warm.warmUp()).isTrue();
        assertThat(warm.scriptCache()).isEqualTo(ScriptCacheOptions.disabled());
        assertThat(warm.toBuilder().build()).isEqualTo(warm);
        assertThatThrownBy(() -> VmOptions.builder().scriptCache(null))
                .isInstanceOf(NullPointerException.class).hasMessage("scriptCache must not be null");
    }

    @Test
    void scriptCacheOptions() {
        ScriptCacheOptions defaults = ScriptCacheOptions.defaults();
        assertThat(ScriptCacheOptions.builder().build()).isEqualTo(defaults);
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.maximumCharacters()).isEqualTo(1L << 20);
        assertThat(defaults.expireAfterAccess()).isEqualTo(Duration.ofMinutes(10));
        assertThat(ScriptCacheOptions.disabled()).isEqualTo(ScriptCacheOptions.builder().enabled(false).build());

        ScriptCacheOptions custom = ScriptCacheOptions.builder()
                .enabled(false).maximumCharacters(5).expireAfterAccess(Duration.ofSeconds(3)).build();
        assertThat(custom).extracting(ScriptCacheOptions::enabled, ScriptCacheOptions::maximumCharacters,
                ScriptCacheOptions::expireAfterAccess).containsExactly(false, 5L, Duration.ofSeconds(3));
        assertThat(custom.toBuilder().build()).isEqualTo(custom);
        assertThat(custom.toBuilder().enabled(true).build().maximumCharacters()).isEqualTo(5);

        assertThatThrownBy(() -> ScriptCacheOptions.builder().maximumCharacters(0))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("maximumCharacters must be positive, was 0");
        assertThatThrownBy(() -> ScriptCacheOptions.builder().expireAfterAccess(Duration.ZERO))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("expireAfterAccess must be positive, was PT0S");
        assertThatThrownBy(() -> ScriptCacheOptions.builder().expireAfterAccess(null))
                .isInstanceOf(NullPointerException.class).hasMessage("expireAfterAccess must not be null");
    }

    @Test
    void runOptions() {
        RunOptions defaults = RunOptions.defaults();
        assertThat(RunOptions.builder().build()).isEqualTo(defaults);
        assertThat(defaults.isLimited()).isFalse();
        assertThat(defaults.timeout()).isNull();
        assertThat(defaults.cpuTimeLimit()).isNull();

        RunOptions custom = RunOptions.builder()
                .timeout(Duration.ofSeconds(1)).cpuTimeLimit(Duration.ofMillis(50)).allocationLimit(1024).build();
        assertThat(custom).extracting(RunOptions::timeout, RunOptions::cpuTimeLimit, RunOptions::allocationLimit)
                .containsExactly(Duration.ofSeconds(1), Duration.ofMillis(50), 1024L);
        assertThat(custom.toBuilder().build()).isEqualTo(custom);
        assertThat(custom.toBuilder().timeout(Duration.ofSeconds(2)).build())
                .extracting(RunOptions::timeout, RunOptions::cpuTimeLimit, RunOptions::allocationLimit)
                .containsExactly(Duration.ofSeconds(2), Duration.ofMillis(50), 1024L);
        assertThat(RunOptions.withTimeout(Duration.ofMillis(5))).isEqualTo(RunOptions.builder().timeout(Duration.ofMillis(5)).build());
        RunUsageListener listener = usage -> { };
        RunOptions counted = RunOptions.builder().statementLimit(7).usageListener(listener).build();
        assertThat(counted.statementLimit()).isEqualTo(7);
        assertThat(counted.usageListener()).isSameAs(listener);
        assertThat(counted.isLimited()).isTrue();
        assertThat(RunOptions.builder().usageListener(listener).build().isLimited()).as("a listener is no limit").isFalse();
        assertThatThrownBy(() -> RunOptions.builder().statementLimit(0))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("statementLimit must be positive, was 0");
        assertThatThrownBy(() -> RunOptions.builder().usageListener(null))
                .isInstanceOf(NullPointerException.class).hasMessage("usageListener must not be null");

        assertThatThrownBy(() -> RunOptions.builder().timeout(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("timeout must be positive, was PT-1S");
        assertThatThrownBy(() -> RunOptions.builder().timeout(null))
                .isInstanceOf(NullPointerException.class).hasMessage("timeout must not be null");
        assertThatThrownBy(() -> RunOptions.builder().cpuTimeLimit(Duration.ZERO))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("cpuTimeLimit must be positive, was PT0S");
        assertThatThrownBy(() -> RunOptions.builder().cpuTimeLimit(null))
                .isInstanceOf(NullPointerException.class).hasMessage("cpuTimeLimit must not be null");
        assertThatThrownBy(() -> RunOptions.builder().allocationLimit(0))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("allocationLimit must be positive, was 0");
        assertThatThrownBy(() -> RunOptions.withTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessage("timeout must not be null");

        // Limits are kept in nanoseconds: a longer duration is refused here, not at run time.
        Duration longest = Duration.ofNanos(Long.MAX_VALUE);
        assertThat(RunOptions.withTimeout(longest).timeout()).isEqualTo(longest);
        assertThatThrownBy(() -> RunOptions.withTimeout(longest.plusNanos(1)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("timeout must be at most PT2562047H47M16.854775807S (about 292 years), was PT2562047H47M16.854775808S");
        assertThatThrownBy(() -> RunOptions.builder().cpuTimeLimit(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("cpuTimeLimit must be at most ");
        assertThatThrownBy(() -> ContextBudget.builder().cpuTime(Duration.ofDays(365L * 1_000_000_000)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("cpuTime must be at most ");
    }

    @Test
    void runOptionsTakeWhatTheyDoNotSetFromAFallback() {
        RunOptions context = RunOptions.builder().timeout(Duration.ofSeconds(5)).allocationLimit(1024).build();
        RunOptions run = RunOptions.builder().timeout(Duration.ofSeconds(1)).cpuTimeLimit(Duration.ofMillis(50)).build();
        assertThat(run.orElse(context)).isEqualTo(run.toBuilder().allocationLimit(1024).build());
        assertThat(RunOptions.defaults().orElse(context)).isEqualTo(context);
        RunUsageListener listener = usage -> { };
        RunOptions budgeted = RunOptions.builder().statementLimit(10).usageListener(listener).build();
        assertThat(RunOptions.defaults().orElse(budgeted)).isEqualTo(budgeted);
        assertThat(RunOptions.builder().statementLimit(3).build().orElse(budgeted).statementLimit()).isEqualTo(3);
    }

    @Test
    void contextOptions() {
        ContextOptions defaults = ContextOptions.defaults();
        assertThat(ContextOptions.builder().build()).isEqualTo(defaults);
        assertThat(defaults.name()).isNull();
        assertThat(defaults.codeGenerationFromStrings()).isTrue();
        assertThat(defaults.consoleOutput()).isNull();
        assertThat(defaults.importModuleDynamically()).isSameAs(ImportModuleDynamically.NONE);
        assertThat(defaults.moduleRoot()).isNull();
        assertThat(defaults.runOptions()).isEqualTo(RunOptions.defaults());
        assertThat(defaults.exposeHostErrorMessages()).isFalse();
        assertThat(defaults.failOnUnhandledRejection()).isFalse();
        assertThat(defaults.consoleError()).isNull();
        assertThat(defaults.timeZone()).isNull();

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunOptions limits = RunOptions.withTimeout(Duration.ofSeconds(1));
        ContextOptions custom = ContextOptions.builder().name("tenant").codeGenerationFromStrings(false)
                .consoleOutput(console).importModuleDynamically(HOOK).moduleRoot(Path.of("modules"))
                .runOptions(limits).exposeHostErrorMessages(true).failOnUnhandledRejection(true).consoleError(console).build();
        assertThat(custom).extracting(ContextOptions::name, ContextOptions::codeGenerationFromStrings,
                        ContextOptions::consoleOutput, ContextOptions::importModuleDynamically, ContextOptions::moduleRoot,
                        ContextOptions::runOptions, ContextOptions::exposeHostErrorMessages,
                        ContextOptions::failOnUnhandledRejection, ContextOptions::consoleError)
                .containsExactly("tenant", false, console, HOOK, Path.of("modules").toAbsolutePath(), limits, true, true, console);
        assertThat(custom.toBuilder().build()).isEqualTo(custom);
        ContextOptions tokyo = custom.toBuilder().timeZone(java.time.ZoneId.of("Asia/Tokyo")).build();
        assertThat(tokyo.timeZone()).isEqualTo(java.time.ZoneId.of("Asia/Tokyo"));
        assertThat(tokyo.toBuilder().build()).isEqualTo(tokyo).isNotEqualTo(custom);

        assertThatThrownBy(() -> ContextOptions.builder().timeZone(null))
                .isInstanceOf(NullPointerException.class).hasMessage("timeZone must not be null");
        assertThatThrownBy(() -> ContextOptions.builder().name(null))
                .isInstanceOf(NullPointerException.class).hasMessage("name must not be null");
        assertThatThrownBy(() -> ContextOptions.builder().consoleError(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("consoleError");
        assertThatThrownBy(() -> ContextOptions.builder().consoleOutput(null))
                .isInstanceOf(NullPointerException.class).hasMessage("consoleOutput must not be null");
        assertThatThrownBy(() -> ContextOptions.builder().moduleRoot(null))
                .isInstanceOf(NullPointerException.class).hasMessage("moduleRoot must not be null");
        assertThatThrownBy(() -> ContextOptions.builder().importModuleDynamically(null))
                .isInstanceOf(NullPointerException.class).hasMessage("importModuleDynamically must not be null");
        assertThatThrownBy(() -> ContextOptions.builder().runOptions(null))
                .isInstanceOf(NullPointerException.class).hasMessage("runOptions must not be null");
    }

    @Test
    void scriptOptions() {
        ScriptOptions defaults = ScriptOptions.defaults();
        assertThat(ScriptOptions.builder().build()).isEqualTo(defaults);
        assertThat(defaults).extracting(ScriptOptions::filename, ScriptOptions::lineOffset, ScriptOptions::columnOffset,
                ScriptOptions::importModuleDynamically).containsExactly("evalmachine.<anonymous>", 0, 0, ImportModuleDynamically.NONE);

        ScriptOptions custom = ScriptOptions.builder().filename("a.js").lineOffset(-2).columnOffset(3)
                .importModuleDynamically(HOOK).build();
        assertThat(custom).extracting(ScriptOptions::filename, ScriptOptions::lineOffset, ScriptOptions::columnOffset,
                ScriptOptions::importModuleDynamically).containsExactly("a.js", -2, 3, HOOK);
        assertThat(custom.toBuilder().build()).isEqualTo(custom);

        assertThatThrownBy(() -> ScriptOptions.builder().filename(null))
                .isInstanceOf(NullPointerException.class).hasMessage("filename must not be null");
        assertThatThrownBy(() -> ScriptOptions.builder().importModuleDynamically(null))
                .isInstanceOf(NullPointerException.class).hasMessage("importModuleDynamically must not be null");
    }

    @Test
    void moduleOptions() {
        ModuleOptions defaults = ModuleOptions.defaults();
        assertThat(ModuleOptions.builder().build()).isEqualTo(defaults);
        assertThat(defaults).extracting(ModuleOptions::identifier, ModuleOptions::context,
                ModuleOptions::importModuleDynamically, ModuleOptions::initializeImportMeta)
                .containsExactly(null, null, ImportModuleDynamically.NONE, null);
        assertThat(ModuleOptions.in(CONTEXT)).isEqualTo(ModuleOptions.builder().context(CONTEXT).build());

        ImportMetaInitializer meta = module -> Map.of();
        ModuleOptions custom = ModuleOptions.builder().identifier("m.mjs").context(CONTEXT)
                .importModuleDynamically(HOOK).initializeImportMeta(meta).build();
        assertThat(custom).extracting(ModuleOptions::identifier, ModuleOptions::context,
                ModuleOptions::importModuleDynamically, ModuleOptions::initializeImportMeta)
                .containsExactly("m.mjs", CONTEXT, HOOK, meta);
        assertThat(custom.toBuilder().build()).isEqualTo(custom);

        assertThatThrownBy(() -> ModuleOptions.builder().identifier(null))
                .isInstanceOf(NullPointerException.class).hasMessage("identifier must not be null");
        assertThatThrownBy(() -> ModuleOptions.builder().context(null))
                .isInstanceOf(NullPointerException.class).hasMessage("context must not be null");
        assertThatThrownBy(() -> ModuleOptions.builder().initializeImportMeta(null))
                .isInstanceOf(NullPointerException.class).hasMessage("initializeImportMeta must not be null");
        assertThatThrownBy(() -> ModuleOptions.builder().importModuleDynamically(null))
                .isInstanceOf(NullPointerException.class).hasMessage("importModuleDynamically must not be null");
        assertThatThrownBy(() -> ModuleOptions.in(null))
                .isInstanceOf(NullPointerException.class).hasMessage("context must not be null");
    }

    @Test
    void functionOptions() {
        FunctionOptions defaults = FunctionOptions.defaults();
        assertThat(FunctionOptions.builder().build()).isEqualTo(defaults);
        assertThat(defaults).extracting(FunctionOptions::filename, FunctionOptions::lineOffset, FunctionOptions::columnOffset,
                        FunctionOptions::parsingContext, FunctionOptions::contextExtensions, FunctionOptions::importModuleDynamically)
                .containsExactly("<anonymous>", 0, 0, null, List.of(), ImportModuleDynamically.NONE);

        FunctionOptions custom = FunctionOptions.builder().filename("f.js").lineOffset(4).columnOffset(-1)
                .parsingContext(CONTEXT).contextExtensions(List.of(Map.of("a", 1))).importModuleDynamically(HOOK).build();
        assertThat(custom).extracting(FunctionOptions::filename, FunctionOptions::lineOffset, FunctionOptions::columnOffset,
                        FunctionOptions::parsingContext, FunctionOptions::contextExtensions, FunctionOptions::importModuleDynamically)
                .containsExactly("f.js", 4, -1, CONTEXT, List.of(Map.of("a", 1)), HOOK);
        assertThat(custom.toBuilder().build()).isEqualTo(custom);

        assertThatThrownBy(() -> FunctionOptions.builder().filename(null))
                .isInstanceOf(NullPointerException.class).hasMessage("filename must not be null");
        assertThatThrownBy(() -> FunctionOptions.builder().parsingContext(null))
                .isInstanceOf(NullPointerException.class).hasMessage("parsingContext must not be null");
        assertThatThrownBy(() -> FunctionOptions.builder().contextExtensions(null))
                .isInstanceOf(NullPointerException.class).hasMessage("contextExtensions must not be null");
        assertThatThrownBy(() -> FunctionOptions.builder().contextExtensions(Arrays.asList(Map.of(), null)))
                .isInstanceOf(NullPointerException.class).hasMessage("contextExtensions[1] must not be null");
        assertThatThrownBy(() -> FunctionOptions.builder().importModuleDynamically(null))
                .isInstanceOf(NullPointerException.class).hasMessage("importModuleDynamically must not be null");
    }

    @Test
    void functionOptionsCopyTheExtensionList() {
        List<Map<String, Object>> extensions = new ArrayList<>(List.of(Map.of("a", 1)));
        FunctionOptions.Builder builder = FunctionOptions.builder().contextExtensions(extensions);
        extensions.add(Map.of("b", 2));
        assertThat(builder.build().contextExtensions()).hasSize(1);
    }
}
