package example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the README honest for applications: every {@code java} block of the README compiles against
 * this application's class path (jsvm-engine, jsvm-jsr223, SLF4J), the Maven JIT profile it shows
 * is the one this example's build runs, and the BOM it tells users to import manages every published
 * module. A Java block is a list of imports followed by statements; it is compiled as the body of a
 * method that may throw anything. A block without imports continues the quickstart and gets its
 * imports; a block fenced {@code ```java fragment} is an excerpt with free names and is not compiled.
 */
class ReadmeSnippetsTest {
    private static final Pattern BLOCK = Pattern.compile("```(\\w+)([^\\n]*)\\n(.*?)```", Pattern.DOTALL);
    private static final List<String> QUICKSTART_IMPORTS =
            List.of("import io.github.jsvm.*;", "import java.time.Duration;", "import java.util.List;", "import java.util.Map;");
    private static final Path README = Path.of(System.getProperty("readme.path", "../../README.md"));
    private static final Path POM = Path.of(System.getProperty("pom.path", "pom.xml"));

    @TestFactory
    List<DynamicTest> everyJavaBlockCompiles() throws IOException {
        String readme = Files.readString(README);
        List<DynamicTest> tests = new ArrayList<>();
        Matcher block = BLOCK.matcher(readme);
        while (block.find()) {
            if (block.group(1).equals("java") && !block.group(2).contains("fragment")) {
                int line = (int) readme.substring(0, block.start()).lines().count() + 1;
                String code = block.group(3);
                tests.add(DynamicTest.dynamicTest("README.md line " + line, () -> assertCompiles("Snippet" + line, code)));
            }
        }
        assertThat(tests).as("java blocks in the README").hasSizeGreaterThanOrEqualTo(3);
        return tests;
    }

    @Test
    void theMavenJitProfileInTheReadmeIsTheOneThisBuildRuns() throws IOException {
        String readme = Files.readString(README);
        String pom = Files.readString(POM);
        String profile = between(pom, "<!-- BEGIN README jit-profile -->", "<!-- END README jit-profile -->");
        Matcher block = BLOCK.matcher(readme);
        boolean found = false;
        while (block.find()) {
            if (block.group(1).equals("xml") && block.group(3).contains("<id>jsvm-jit</id>")) {
                assertThat(normalized(block.group(3))).isEqualTo(normalized(profile));
                found = true;
            }
        }
        assertThat(found).as("the README shows the jsvm-jit profile").isTrue();
    }

    @Test
    void theBomManagesEveryPublishedModuleAtTheBuildsVersions() throws IOException {
        Path root = README.getParent();
        String bom = Files.readString(root.resolve("jsvm-bom/pom.xml"));
        String parent = Files.readString(root.resolve("pom.xml"));
        for (String module : List.of("sandbox-api", "engine", "jsvm-jsr223", "jsvm-micrometer")) {
            String modulePom = Files.readString(root.resolve(module).resolve("pom.xml"));
            String artifactId = between(modulePom, "</parent>", "</artifactId>").replaceAll("(?s).*<artifactId>", "");
            assertThat(bom).as(module).contains("<artifactId>" + artifactId + "</artifactId>");
            assertThat(modulePom).as(module + " attaches sources and Javadoc").contains("maven-source-plugin", "maven-javadoc-plugin");
        }
        assertThat(between(bom, "<graalvm.version>", "</graalvm.version>"))
                .isEqualTo(between(parent, "<graalvm.version>", "</graalvm.version>"))
                .isEqualTo(between(Files.readString(POM), "<graalvm.version>", "</graalvm.version>"));
        assertThat(between(bom, "</artifactId>\n  <version>", "</version>"))
                .isEqualTo(between(parent, "<artifactId>jsvm-parent</artifactId>\n  <version>", "</version>"));
    }

    private static void assertCompiles(String className, String snippet) {
        List<String> imports = snippet.lines().filter(line -> line.startsWith("import ")).toList();
        if (imports.isEmpty()) {
            imports = QUICKSTART_IMPORTS;
        }
        String body = snippet.lines().filter(line -> !line.startsWith("import ")).collect(Collectors.joining("\n"));
        String source = String.join("\n", imports) + "\nclass " + className + " {\n"
                + "@SuppressWarnings(\"unused\") static void run() throws Exception {\n" + body + "\n}\n}\n";
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        Path out;
        try {
            out = Files.createTempDirectory("readme-snippet");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        boolean ok = compiler.getTask(diagnostics, null, null,
                List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(), "-proc:none"),
                null, List.of(file)).call();
        assertThat(ok).as("%s\n%s", diagnostics, source).isTrue();
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("'%s' present", start).isNotNegative();
        from += start.length();
        return text.substring(from, text.indexOf(end, from)).trim();
    }

    private static String normalized(String xml) {
        return xml.strip().replaceAll("\\s+", " ");
    }
}
