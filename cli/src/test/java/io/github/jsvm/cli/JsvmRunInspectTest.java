package io.github.jsvm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debugs a script through {@code --inspect-brk} the way Chrome DevTools does: the runner (a child
 * JVM) prints the devtools:// URL and waits, the inspector's HTTP endpoint lists the target, a
 * WebSocket session sees the script, stops at its {@code debugger} statement, and resuming runs it
 * to the end.
 * Every wait is bounded and the child is killed whatever happens.
 */
class JsvmRunInspectTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern DEVTOOLS_URL = Pattern.compile("devtools://devtools/bundled/js_app\\.html\\?ws=(\\S+)");

    @TempDir
    Path dir;

    @Test
    void aDebuggerAttachesStopsTheScriptAndResumesIt() throws Exception {
        Path script = dir.resolve("debugged.js");
        Files.writeString(script, "console.log('before');\ndebugger;\nconst answer = 6 * 7;\nconsole.log('after', answer);\n");
        int port = freePort();
        Process runner = start("--inspect-brk=" + port, script.toString());
        try {
            BlockingQueue<String> errLines = lines(runner);
            String address = awaitDevtoolsAddress(errLines);
            assertThat(address).startsWith("127.0.0.1:" + port + "/");

            HttpResponse<String> list = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json")).timeout(WAIT).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).contains("\"webSocketDebuggerUrl\"").contains(address);

            BlockingQueue<String> messages = new LinkedBlockingQueue<>();
            WebSocket session = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
                    .buildAsync(URI.create("ws://" + address), new Collector(messages)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            session.sendText("{\"id\":1,\"method\":\"Runtime.enable\"}", true).join();
            session.sendText("{\"id\":2,\"method\":\"Debugger.enable\"}", true).join();
            session.sendText("{\"id\":3,\"method\":\"Runtime.runIfWaitingForDebugger\"}", true).join();
            // The library's own setup scripts run first (creating the context) and take the initial
            // pause: resume until the script's debugger statement (line 1) stops it. The script is
            // parsed only once the setup has run.
            String scriptId = null;
            int resumes = 0;
            while (true) {
                String message = awaitMessage(messages, "\"method\":\"Debugger.");
                if (message.contains("\"Debugger.scriptParsed\"") && message.contains(script.getFileName().toString())) {
                    Matcher id = Pattern.compile("\"scriptId\":\"([^\"]+)\"").matcher(message);
                    assertThat(id.find()).isTrue();
                    scriptId = id.group(1);
                } else if (message.contains("\"Debugger.paused\"")) {
                    if (scriptId != null && pausedAt(message, scriptId, 1)) {
                        break;
                    }
                    assertThat(resumes).as("pauses before the script's debugger statement").isLessThan(10);
                    session.sendText("{\"id\":" + (10 + resumes++) + ",\"method\":\"Debugger.resume\"}", true).join();
                }
            }
            assertThat(runner.isAlive()).as("stopped at the debugger statement").isTrue();
            assertThat(new String(runner.getInputStream().readNBytes("before\n".length()), StandardCharsets.UTF_8)).isEqualTo("before\n");
            session.sendText("{\"id\":4,\"method\":\"Debugger.resume\"}", true).join();
            session.sendClose(WebSocket.NORMAL_CLOSURE, "done");

            assertThat(runner.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the runner ends after resume").isTrue();
            assertThat(new String(runner.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("after 42\n");
            assertThat(runner.exitValue()).isZero();
        } finally {
            runner.destroyForcibly().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void inspectOptionsTakeAPortOnTheLoopbackAddressOnly() {
        assertThat(RunnerArguments.parse(List.of("--inspect", "a.js")).inspector().port()).isEqualTo(9229);
        assertThat(RunnerArguments.parse(List.of("--inspect-brk=localhost:9300", "a.js")).inspector().suspend()).isTrue();
        assertThat(RunnerArguments.parse(List.of("--inspect=127.0.0.1:9301", "a.js")).inspector().suspend()).isFalse();
        assertThat(RunnerArguments.parse(List.of("a.js")).inspector()).isNull();
        assertThat(usageError("--inspect=0.0.0.0:9229", "a.js"))
                .contains("--inspect listens on 127.0.0.1 only, got host '0.0.0.0'");
        assertThat(usageError("--inspect-brk=ninety", "a.js"))
                .contains("--inspect-brk takes [host:]port, got 'ninety'");
        assertThat(usageError("--inspect=70000", "a.js"))
                .contains("--inspect: port must be between 1 and 65535, was 70000");
    }

    /** Whether a Debugger.paused event stopped in script {@code scriptId} at {@code line} (0-based). */
    private static boolean pausedAt(String paused, String scriptId, int line) {
        Matcher top = Pattern.compile("\"location\":\\{([^}]*)}").matcher(paused);
        return top.find() && top.group(1).contains("\"scriptId\":\"" + scriptId + "\"")
                && Pattern.compile("\"lineNumber\":" + line + "(?!\\d)").matcher(top.group(1)).find();
    }

    /** Standard error of a run that must end with a usage error. */
    private static String usageError(String... args) {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = JsvmRun.run(args, java.io.InputStream.nullInputStream(), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(JsvmRun.USAGE);
        return err.toString(StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Process start(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), JsvmRun.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        return process;
    }

    /** Standard error of {@code process}, line by line, read on a daemon thread so no wait can block on it. */
    private static BlockingQueue<String> lines(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the process is gone: nothing more to read
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String awaitDevtoolsAddress(BlockingQueue<String> errLines) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String line = errLines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                seen.append(line).append('\n');
                Matcher url = DEVTOOLS_URL.matcher(line);
                if (url.find()) {
                    return url.group(1);
                }
            }
        }
        throw new AssertionError("no devtools:// URL on standard error within " + WAIT + "; got:\n" + seen);
    }

    private static String awaitMessage(BlockingQueue<String> messages, String... parts) throws InterruptedException {
        List<String> seen = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String message = messages.poll(1, TimeUnit.SECONDS);
            if (message != null) {
                seen.add(message.length() > 300 ? message.substring(0, 300) + "..." : message);
                if (List.of(parts).stream().allMatch(message::contains)) {
                    return message;
                }
            }
        }
        throw new AssertionError("no message with " + List.of(parts) + " within " + WAIT + "; got:\n" + String.join("\n", seen));
    }

    /** Collects the inspector's text messages, joining fragments. */
    private static final class Collector implements WebSocket.Listener {
        private final BlockingQueue<String> messages;
        private final StringBuilder partial = new StringBuilder();

        Collector(BlockingQueue<String> messages) {
            this.messages = messages;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }
}
