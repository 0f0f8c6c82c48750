package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.*;
import io.github.jsvm.Module;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A {@code NullPointerTester}-style sweep: every public constructor and method of every public type
 * of the API's exported packages, on real engine objects, is called with {@code null} in each
 * reference parameter that is not documented as nullable, and must throw a
 * {@code NullPointerException} naming that parameter. (Guava's tester would need defaults for all
 * our types too, and checks neither the message nor the engine's objects behind the interfaces.)
 */
class NullSweepTest extends SharedVmTest {
    /** Parameters documented as nullable, as "Type.member(parameter)", with the reason. */
    private static final Map<String, String> NULLABLE = Map.ofEntries(
            Map.entry("ContextOptions.<init>(name)", "null for none"),
            Map.entry("ContextOptions.<init>(consoleOutput)", "null discards the output"),
            Map.entry("ContextOptions.<init>(moduleRoot)", "null for none"),
            Map.entry("ContextOptions.<init>(consoleError)", "null sends it to consoleOutput"),
            Map.entry("ContextOptions.<init>(timeZone)", "null for the host JVM's default"),
            Map.entry("FunctionOptions.<init>(parsingContext)", "null for the Vm's main context"),
            Map.entry("ModuleOptions.<init>(identifier)", "null for a generated one"),
            Map.entry("ModuleOptions.<init>(context)", "null for the Vm's main context"),
            Map.entry("ModuleOptions.<init>(initializeImportMeta)", "null for none"),
            Map.entry("RunOptions.<init>(timeout)", "null for none"),
            Map.entry("RunOptions.<init>(cpuTimeLimit)", "null for none"),
            Map.entry("RunOptions.<init>(usageListener)", "null for no report"),
            Map.entry("RunOptions.<init>(warning)", "null for no warning"),
            Map.entry("ContextBudget.<init>(cpuTime)", "null for no budget"),
            Map.entry("ContextBudget.<init>(warning)", "null for no warning"),
            Map.entry("Remaining.<init>(cpuTime)", "null when there is no CPU-time budget"),
            Map.entry("VmOptions.<init>(inspector)", "null for no debugger"),
            Map.entry("PropertyDescriptor.<init>(value)", "a property's value may be null"),
            Map.entry("PropertyDescriptor.<init>(getter)", "null for none"),
            Map.entry("PropertyDescriptor.<init>(setter)", "null for none"),
            Map.entry("PropertyDescriptor.data(value)", "a property's value may be null"),
            Map.entry("PropertyDescriptor.accessor(getter)", "null for none"),
            Map.entry("PropertyDescriptor.accessor(setter)", "null for none"),
            Map.entry("JsException.<init>(errorName)", "null when the thrown value is not an error"),
            Map.entry("JsException.<init>(errorMessage)", "null when the thrown value is not an error"),
            Map.entry("JsException.<init>(thrownValue)", "JavaScript may throw null or undefined"),
            Map.entry("JsException.<init>(displayHeader)", "null when the place is not in user code"),
            Map.entry("ScriptTimeoutException.<init>(context)", "null when not known"),
            Map.entry("VmContext.setGlobal(value)", "null is a JavaScript value (null)"),
            Map.entry("GlobalObject.set(value)", "null is a JavaScript value (null)"),
            Map.entry("SyntheticModule.setExport(value)", "null is a JavaScript value (null)"),
            Map.entry("JsFunction.call(args)", "varargs: a null array is one null argument"),
            Map.entry("Vm.syntheticModule(evaluator)", "null for none: exports come from setExport"),
            Map.entry("Vm.asyncSyntheticModule(evaluator)", "null for none: exports come from setExport"),
            Map.entry("Vm.isContext(candidate)", "answers for any object, null included (false)"),
            Map.entry("ModuleLinkException.<init>(cause)", "a cause is optional"),
            Map.entry("ModuleLinkException.<init>(specifier)", "null when the failure is not about one request"),
            Map.entry("VmException.<init>(cause)", "a cause is optional"));
    /** Members not swept, with the reason. */
    private static final Set<String> SKIPPED = Set.of(
            "equals", // Object's contract: false for null
            "valueOf"); // enum's own: NullPointerException "Name is null"

    @Test
    void everyReferenceParameterRejectsNullNamingIt() throws Exception {
        List<String> gaps = new ArrayList<>();
        int checked = 0;
        try (VmContext context = vm.createContext()) {
            Map<Class<?>, Object> defaults = defaults(context);
            Map<Class<?>, Object> instances = instances(context, defaults);
            for (Class<?> type : apiTypes()) {
                List<Executable> members = new ArrayList<>(List.of(type.getConstructors()));
                for (Method method : type.getMethods()) {
                    if (method.getDeclaringClass() != Object.class && !method.isSynthetic() && !method.isBridge()) {
                        members.add(method);
                    }
                }
                for (Executable member : members) {
                    if (member instanceof Constructor<?> && Modifier.isAbstract(type.getModifiers())
                            || SKIPPED.contains(member.getName())) {
                        continue;
                    }
                    boolean isStatic = member instanceof Method m && Modifier.isStatic(m.getModifiers());
                    Object receiver = member instanceof Constructor<?> || isStatic ? null : instances.get(type);
                    if (member instanceof Method && !isStatic && receiver == null) {
                        continue; // implemented by applications (HostFunction, linkers, evaluators): nothing of ours to call
                    }
                    Parameter[] parameters = member.getParameters();
                    for (int i = 0; i < parameters.length; i++) {
                        Parameter parameter = parameters[i];
                        String key = type.getSimpleName() + "." + (member instanceof Constructor<?> ? "<init>" : member.getName())
                                + "(" + parameter.getName() + ")";
                        if (parameter.getType().isPrimitive() || NULLABLE.containsKey(key)
                                || Throwable.class.isAssignableFrom(type) && parameter.getName().equals("message")) {
                            // an exception's message may be null, as Throwable's
                            continue;
                        }
                        assertThat(parameter.isNamePresent()).as("parameter names compiled in for %s", member).isTrue();
                        Object[] args = new Object[parameters.length];
                        for (int j = 0; j < parameters.length; j++) {
                            args[j] = j == i ? null : defaultFor(parameters[j].getType(), defaults, member);
                        }
                        checked++;
                        // A builder's setters name the option, which is the setter's name.
                        String named = type.getSimpleName().equals("Builder") ? member.getName() : parameter.getName();
                        String gap = callWithNull(member, receiver, args, named);
                        if (gap != null) {
                            gaps.add(key + " on " + (receiver == null ? type.getName() : receiver.getClass().getName()) + ": " + gap);
                        }
                    }
                }
            }
        }
        System.out.println("NULL-SWEEP " + checked + " parameters checked");
        assertThat(gaps).as(String.join("\n", gaps)).isEmpty();
        assertThat(checked).isGreaterThan(100);
    }

    /** What is wrong with the outcome of the call, or null when it threw an NPE naming the parameter. */
    private static String callWithNull(Executable member, Object receiver, Object[] args, String name) {
        try {
            if (member instanceof Constructor<?> constructor) {
                constructor.newInstance(args);
            } else {
                ((Method) member).invoke(receiver, args);
            }
            return "accepted null";
        } catch (InvocationTargetException thrown) {
            Throwable e = thrown.getCause();
            if (!(e instanceof NullPointerException || e instanceof InvalidArgumentException)) {
                return "threw " + e;
            }
            if (e.getMessage() == null || !e.getMessage().matches(".*\\b" + name + "\\b.*")) {
                return "threw " + e + " not naming " + name;
            }
            return null;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(member + ": " + e, e);
        }
    }

    private static Object defaultFor(Class<?> type, Map<Class<?>, Object> defaults, Executable member) {
        if (type.isPrimitive()) {
            // long parameters are limits and sizes, which must be positive; other primitives zero or false
            return type == long.class ? 1L : java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(type, 1), 0);
        }
        if (type.isArray()) {
            return java.lang.reflect.Array.newInstance(type.getComponentType(), 0);
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        Object value = defaults.get(type);
        if (value == null) {
            throw new AssertionError("no default for a " + type.getName() + " parameter of " + member);
        }
        return value;
    }

    private static Map<Class<?>, Object> defaults(VmContext context) {
        Map<Class<?>, Object> defaults = new HashMap<>();
        defaults.put(String.class, "x");
        defaults.put(Object.class, "value");
        defaults.put(Duration.class, Duration.ofSeconds(1));
        defaults.put(java.time.ZoneId.class, java.time.ZoneOffset.UTC);
        defaults.put(Map.class, Map.of());
        defaults.put(List.class, List.of());
        defaults.put(Path.class, Path.of("."));
        defaults.put(OutputStream.class, OutputStream.nullOutputStream());
        defaults.put(Throwable.class, new RuntimeException("cause"));
        defaults.put(VmContext.class, context);
        defaults.put(HostFunction.class, (HostFunction) args -> null);
        defaults.put(ImportModuleDynamically.class, ImportModuleDynamically.NONE);
        defaults.put(ImportMetaInitializer.class, (ImportMetaInitializer) module -> Map.of());
        defaults.put(ModuleLinker.class, (ModuleLinker) (specifier, referrer, attributes) -> null);
        defaults.put(SyntheticModule.Evaluator.class, (SyntheticModule.Evaluator) module -> {});
        defaults.put(SyntheticModule.AsyncEvaluator.class, (SyntheticModule.AsyncEvaluator) module -> null);
        defaults.put(PropertyDescriptor.class, PropertyDescriptor.data(1, true, true, true));
        defaults.put(RunOptions.class, RunOptions.defaults());
        defaults.put(ScriptOptions.class, ScriptOptions.defaults());
        defaults.put(ContextOptions.class, ContextOptions.defaults());
        defaults.put(FunctionOptions.class, FunctionOptions.defaults());
        defaults.put(ModuleOptions.class, ModuleOptions.in(context));
        defaults.put(VmOptions.class, VmOptions.defaults());
        defaults.put(ScriptCacheOptions.class, ScriptCacheOptions.defaults());
        defaults.put(ScriptCacheStats.class, new ScriptCacheStats(0, 0, 0, 0, 0));
        defaults.put(InspectorOptions.class, new InspectorOptions(9229, false));
        defaults.put(RunUsageListener.class, (RunUsageListener) usage -> {});
        defaults.put(LimitWarning.Listener.class, (LimitWarning.Listener) event -> {});
        defaults.put(LimitWarning.class, LimitWarning.at(0.5, event -> {}));
        defaults.put(ContextBudget.class, ContextBudget.none());
        SyntheticModule module = vm.syntheticModule(List.of("a"), m -> {}, ModuleOptions.in(context));
        defaults.put(Module.class, module);
        defaults.put(SyntheticModule.class, module);
        defaults.put(ImportReferrer.class, module);
        defaults.put(SourceTextModule.class, vm.sourceTextModule("export const a = 1;", ModuleOptions.in(context)));
        return defaults;
    }

    /** Receivers for instance methods: the engine's objects behind the API's interfaces, and values of the API's classes. */
    private static Map<Class<?>, Object> instances(VmContext context, Map<Class<?>, Object> defaults) throws Exception {
        Map<Class<?>, Object> instances = new HashMap<>();
        instances.put(Vm.class, vm);
        instances.put(VmContext.class, context);
        instances.put(Script.class, vm.compile("1"));
        instances.put(JsFunction.class, vm.compileFunction("return 1", List.of(), FunctionOptions.defaults()));
        instances.put(GlobalObject.class, context.globalObject());
        SourceTextModule module = vm.sourceTextModule("export const a = 1;", ModuleOptions.in(context));
        module.link((specifier, referrer, attributes) -> null);
        module.evaluate(RunOptions.defaults());
        instances.put(SourceTextModule.class, vm.sourceTextModule("export const b = 1;", ModuleOptions.in(context)));
        instances.put(ModuleNamespace.class, module.namespace());
        instances.put(SyntheticModule.class, defaults.get(SyntheticModule.class));
        instances.put(Module.Json.class, vm.jsonModule("{}", ModuleOptions.in(context)));
        instances.put(Module.class, defaults.get(SourceTextModule.class));
        for (Class<?> options : List.of(RunOptions.class, ScriptOptions.class, ContextOptions.class, FunctionOptions.class,
                ModuleOptions.class, VmOptions.class, ScriptCacheOptions.class, ContextBudget.class)) {
            instances.put(options, defaults.get(options));
            Object builder = options.getMethod("builder").invoke(null);
            instances.put(builder.getClass(), builder);
        }
        instances.put(io.github.jsvm.spi.VmProvider.class, new GraalJsVmProvider());
        return instances;
    }

    /** The public types of the API's exported packages, read from its class files. */
    private static List<Class<?>> apiTypes() throws Exception {
        URI location = Vm.class.getProtectionDomain().getCodeSource().getLocation().toURI();
        Path root = Path.of(location);
        FileSystem jar = Files.isDirectory(root) ? null : FileSystems.newFileSystem(root);
        try {
            Path classes = jar == null ? root : jar.getPath("/");
            List<Class<?>> types = new ArrayList<>();
            for (String pkg : Vm.class.getModule().isNamed() ? Vm.class.getModule().getDescriptor().exports().stream()
                    .map(e -> e.source()).toList() : List.of("io.github.jsvm", "io.github.jsvm.spi")) {
                try (Stream<Path> files = Files.list(classes.resolve(pkg.replace('.', '/')))) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                        String name = pkg + "." + file.getFileName().toString().replace(".class", "").replace('$', '.');
                        Class<?> type = Class.forName(pkg + "." + file.getFileName().toString().replace(".class", ""));
                        if (Modifier.isPublic(type.getModifiers()) && !type.isAnonymousClass() && !name.endsWith("module-info")) {
                            types.add(type);
                        }
                    }
                }
            }
            return types;
        } finally {
            if (jar != null) {
                jar.close();
            }
        }
    }
}
