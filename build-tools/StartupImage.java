import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Build-time tool of jsvm-cli, run by exec-maven-plugin on the toolchain's JDK 25 after packaging:
 * writes the runner's launcher and makes it start fast.
 *
 * <p>The class path JVM flags turn the JIT on with {@code --upgrade-module-path}, which disables
 * every class-data archive (CDS and the AOT cache), so each start loads some 9,000 classes from
 * jars. This tool links a runtime image of this JDK without its placeholder
 * {@code jdk.graal.compiler} module, so the real compiler can come from the ordinary module path,
 * then records an AOT cache (JEP 483/514) with a training run of the runner. When a step fails the
 * launcher falls back to what works: no cache, or the plain JDK with the upgrade module path.
 *
 * <p>Arguments, as {@code name=value}: {@code launcher}, {@code main}, {@code classes} (the
 * directory the class path names) and {@code jar} (the same classes packaged, since archives take
 * classes from jars only), {@code compilerDir}, {@code upgradeFlags}, {@code moduleFlags} (JIT
 * flags for each kind of JVM), {@code runtime} (image directory), {@code aotCache},
 * {@code training} (script for the training run).
 */
public class StartupImage {
    /*
     * What the runner can reach on the class path of a full JDK, minus tools: the system modules a
     * class path application resolves by default, JVMCI for the JIT, JFR (Truffle reports to it
     * when present) and locale data.
     */
    private static final List<String> MODULES = List.of("java.se", "jdk.unsupported", "jdk.management",
            "jdk.management.jfr", "jdk.jfr", "jdk.internal.vm.ci", "jdk.zipfs", "jdk.localedata", "jdk.charsets",
            "jdk.net", "jdk.httpserver", "jdk.crypto.cryptoki", "jdk.security.auth", "jdk.security.jgss",
            "jdk.naming.dns", "jdk.xml.dom");
    private static final long TRAINING_TIMEOUT_MINUTES = 10;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Arrays.stream(args).map(arg -> arg.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
        Path launcher = Path.of(options.get("launcher"));
        Path runtime = Path.of(options.get("runtime"));
        Path aotCache = Path.of(options.get("aotCache"));
        Path compilerDir = Path.of(options.get("compilerDir"));
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).equals(Path.of(options.get("classes"))) ? options.get("jar") : entry)
                .collect(Collectors.joining(File.pathSeparator));
        String main = options.get("main");
        Files.deleteIfExists(aotCache);

        if (!linkRuntime(runtime)) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            write(launcher, "exec " + quote(java) + " " + render(flags(options.get("upgradeFlags")))
                    + " -cp " + quote(classPath) + " " + quote(main) + " \"$@\"\n");
            return;
        }
        String java = runtime.resolve("bin").resolve("java").toString();
        List<String> jars = new ArrayList<>(List.of(classPath.split(File.pathSeparator)));
        try (Stream<Path> compiler = Files.list(compilerDir)) {
            compiler.map(Path::toString).sorted().forEach(jars::add);
        }
        List<String> flags = flags(options.get("moduleFlags"));
        write(launcher, "aot=" + quote(aotCache.toString()) + "\n"
                + "# JDK 25 takes classes from the cache without checking that the jars are still the ones it\n"
                + "# was made from, so a cache older than any of them (a module rebuilt since) is ignored.\n"
                + "for jar in " + render(jars) + "; do\n"
                + "  if [ \"$jar\" -nt \"$aot\" ]; then aot=; break; fi\n"
                + "done\n"
                + "set -- -cp " + quote(classPath) + " " + quote(main) + " \"$@\"\n"
                + "if [ -n \"$aot\" ]; then set -- \"-XX:AOTCache=$aot\" \"$@\"; fi\n"
                + "exec " + quote(java) + " " + render(flags) + " \"$@\"\n");
        train(java, flags, classPath, main, Path.of(options.get("training")), aotCache);
    }

    /**
     * {@code jitFlags} and what both launchers add: a missing or unusable cache must not print
     * anything; and the JVM's own code is compiled by C1 only. GraalJS code is compiled by Graal
     * either way (Truffle calls it directly); C2's threads only compete with the script and with
     * Graal for the cores: on two cores {@code examples/hello.js} started in 1.06 s instead of 1.40 s
     * (medians of 15 alternating runs) and a 6 s compute script ran in 5.8 s instead of 7.0 s.
     */
    private static List<String> flags(String jitFlags) {
        List<String> flags = new ArrayList<>(List.of(jitFlags.strip().split("\\s+")));
        flags.addAll(List.of("-XX:TieredStopAtLevel=1", "-Xlog:aot*=off", "-Xlog:cds*=off",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        return flags;
    }

    private static String render(List<String> words) {
        return words.stream().map(StartupImage::quote).collect(Collectors.joining(" "));
    }

    /** Links the runtime image unless an up-to-date one exists; false when this JDK cannot link one. */
    private static boolean linkRuntime(Path runtime) throws IOException {
        Path stamp = runtime.resolve("jsvm-runtime.stamp");
        String wanted = System.getProperty("java.home") + " " + Runtime.version() + " " + MODULES;
        if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(wanted)) {
            return true;
        }
        deleteTree(runtime);
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElse(null);
        StringWriter log = new StringWriter();
        int status = jlink == null ? -1 : jlink.run(new PrintWriter(log), new PrintWriter(log),
                "--add-modules", String.join(",", MODULES), "--generate-cds-archive",
                "--no-header-files", "--no-man-pages", "--output", runtime.toString());
        if (status != 0) {
            System.err.println("[WARNING] jsvm-cli: cannot link a runtime image (" + log.toString().strip()
                    + "); the runner starts without class-data archives (slower start-up)");
            deleteTree(runtime);
            return false;
        }
        Files.writeString(stamp, wanted);
        return true;
    }

    /** Records the AOT cache from one run of {@code training}; on failure leaves no cache. */
    private static void train(String java, List<String> flags, String classPath, String main, Path training, Path aotCache)
            throws IOException, InterruptedException {
        Path partial = aotCache.resolveSibling(aotCache.getFileName() + ".partial");
        Path log = aotCache.resolveSibling(aotCache.getFileName() + ".log");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(flags);
        command.addAll(List.of("-XX:AOTCacheOutput=" + partial, "-cp", classPath, main, training.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(TRAINING_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        if (finished && process.exitValue() == 0 && Files.isRegularFile(partial)) {
            Files.move(partial, aotCache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.deleteIfExists(partial);
            System.err.println("[WARNING] jsvm-cli: the AOT training run failed (see " + log
                    + "); the runner starts without its AOT cache (slower start-up)");
        }
    }

    private static void write(Path launcher, String body) throws IOException {
        Files.writeString(launcher, "#!/bin/sh\n# Generated by the jsvm-cli build (StartupImage); rebuild instead of editing.\n" + body);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
