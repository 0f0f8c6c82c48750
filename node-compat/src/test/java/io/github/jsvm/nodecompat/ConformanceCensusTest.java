package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's conformance figures true: counts the ported assertions (test methods of the
 * {@link NodeTest} classes), the documented differences among them and the inexpressible ones, and
 * checks them against the README's census line and differences table. The build fails on any test
 * failure, so every ported assertion that is not a difference passes as on Node.
 */
class ConformanceCensusTest {
    private static final Pattern CENSUS = Pattern.compile(
            "(\\d+) assertions ported from (\\d+) Node test files: (\\d+) pass as on Node, (\\d+) are documented differences;"
                    + " (\\d+) more are inexpressible in Java");

    @Test
    void readmeFiguresMatchThePortedSuite() throws Exception {
        Census census = Census.of(nodeTestClasses());
        String readme = Files.readString(Path.of(System.getProperty("jsvm.readme", "../README.md")));
        Matcher line = CENSUS.matcher(readme);
        assertThat(line.find()).as("the README states the census as: " + CENSUS.pattern()).isTrue();
        assertThat(List.of(line.group(1), line.group(2), line.group(3), line.group(4), line.group(5)))
                .as("README census (ported, files, pass, differences, inexpressible)")
                .containsExactly(String.valueOf(census.ported()), String.valueOf(census.files()),
                        String.valueOf(census.ported() - census.differences().size()),
                        String.valueOf(census.differences().size()), String.valueOf(census.inexpressible()));
    }

    @Test
    void atLeastNinetyFivePercentPassAsOnNode() throws Exception {
        Census census = Census.of(nodeTestClasses());
        assertThat(census.ported()).isPositive();
        assertThat(census.ported() - census.differences().size()).isGreaterThanOrEqualTo((int) Math.ceil(census.ported() * 0.95));
    }

    @Test
    void everyDifferenceIsExplainedInTheReadmeTable() throws Exception {
        Census census = Census.of(nodeTestClasses());
        String readme = Files.readString(Path.of(System.getProperty("jsvm.readme", "../README.md")));
        Set<String> ids = new TreeSet<>();
        census.differences().forEach(ids::add);
        for (String id : ids) {
            assertThat(readme).as("README row for difference " + id).containsPattern("(?m)^\\| " + Pattern.quote(id) + " \\|");
        }
    }

    @Test
    void noPortedAssertionIsDisabled() throws Exception {
        // The census counts every ported assertion that is not a difference as passing: a disabled one
        // would be counted as passing without running. A known bug belongs in the README's "Not done yet".
        for (Class<?> type : nodeTestClasses()) {
            assertThat(type.isAnnotationPresent(Disabled.class)).as(type.getSimpleName()).isFalse();
            for (Class<?> part : Census.withNested(type)) {
                for (Method method : part.getDeclaredMethods()) {
                    assertThat(method.isAnnotationPresent(Test.class) && method.isAnnotationPresent(Disabled.class))
                            .as(part.getSimpleName() + "." + method.getName()).isFalse();
                }
            }
        }
    }

    @Test
    void everyPortedFileHasTests() throws Exception {
        for (Class<?> type : nodeTestClasses()) {
            assertThat(Census.of(List.of(type)).ported()).as(type.getSimpleName()).isPositive();
        }
    }

    private record Census(int files, int ported, List<String> differences, int inexpressible) {
        static Census of(List<Class<?>> classes) {
            int ported = 0;
            int inexpressible = 0;
            List<String> differences = new ArrayList<>();
            for (Class<?> type : classes) {
                inexpressible += type.getAnnotationsByType(Inexpressible.class).length;
                for (Class<?> part : withNested(type)) {
                    for (Method method : part.getDeclaredMethods()) {
                        if (method.isAnnotationPresent(Test.class)) {
                            ported++;
                            NodeDifference difference = method.getAnnotation(NodeDifference.class);
                            if (difference != null) {
                                differences.add(difference.value());
                            }
                        }
                    }
                }
            }
            return new Census(classes.size(), ported, differences, inexpressible);
        }

        private static List<Class<?>> withNested(Class<?> type) {
            List<Class<?>> all = new ArrayList<>(List.of(type));
            for (Class<?> inner : type.getDeclaredClasses()) {
                if (inner.isAnnotationPresent(Nested.class)) {
                    all.addAll(withNested(inner));
                }
            }
            return all;
        }
    }

    private static List<Class<?>> nodeTestClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(ConformanceCensusTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = root.resolve(ConformanceCensusTest.class.getPackageName().replace('.', '/'));
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    Class<?> type = Class.forName(ConformanceCensusTest.class.getPackageName() + "." + name.replace(".class", ""));
                    if (type.isAnnotationPresent(NodeTest.class)) {
                        classes.add(type);
                    }
                }
            }
        }
        return classes;
    }
}
