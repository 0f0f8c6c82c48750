package io.github.jsvm.engine;

import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.FrameInstance;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.source.SourceSection;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The innermost guest function on the current thread's stack that has source code: during an
 * import lookup, the code that contains the {@code import} being resolved.
 *
 * <p>Found in one of two ways, which give the same answer (checked on every lookup when assertions
 * are on): for an {@code import()} call, from the call node GraalJS reports ({@link ImportSeam#importCall()},
 * through {@link Sites}, which remembers what each call site says); otherwise by walking the thread's
 * Truffle frames, which costs far less than capturing a guest stack trace (no exception, no host
 * stack trace) but still several microseconds. Frames of built-ins carry no source and are skipped.
 *
 * <p>What the code's source URI says ({@link #origin()}) and the attributes the call passes
 * ({@link #attributes()}) are worked out on first use and kept, so a call site remembered by
 * {@link Sites} parses them once.
 */
final class ImportingFrame {
    private final @Nullable String path;
    private final String name;
    private final URI uri;
    private final @Nullable String callText;
    /* Worked out on first use; racing threads compute equal immutable values. */
    private @Nullable SourceOrigin origin;
    private @Nullable Map<String, String> attributes;

    /**
     * @param path the source's path ({@code null} unless loaded from a file or module key)
     * @param name the source's name
     * @param uri the source's URI
     * @param callText the text of the expression being executed in that frame (the {@code import(...)}
     *     call), {@code null} when the engine does not tell
     */
    ImportingFrame(@Nullable String path, String name, URI uri, @Nullable String callText) {
        this.path = path;
        this.name = name;
        this.uri = uri;
        this.callText = callText;
    }

    @Nullable String path() {
        return path;
    }

    String name() {
        return name;
    }

    URI uri() {
        return uri;
    }

    @Nullable String callText() {
        return callText;
    }

    /** What the source's URI says about the code ({@link SourceOrigin#of(String, String, URI)}). */
    SourceOrigin origin() {
        SourceOrigin known = origin;
        if (known == null) {
            known = SourceOrigin.of(path, name, uri);
            origin = known;
        }
        return known;
    }

    /** The import attributes the call passes (its {@code with} object); none when the engine does not tell. */
    Map<String, String> attributes() {
        Map<String, String> known = attributes;
        if (known == null) {
            known = callText == null ? Map.of() : ModuleRequestScanner.importCallAttributes(callText).orElse(Map.of());
            attributes = known;
        }
        return known;
    }

    /** The innermost guest frame with source code, or {@code null} when no guest code is running. */
    static @Nullable ImportingFrame current() {
        return Truffle.getRuntime().iterateFrames(ImportingFrame::of);
    }

    private static @Nullable ImportingFrame of(FrameInstance frame) {
        if (!(frame.getCallTarget() instanceof RootCallTarget target)) {
            return null;
        }
        return of(target.getRootNode(), frame.getCallNode());
    }

    /** The code of {@code root}, executing {@code location}; {@code null} for code without source (built-ins). */
    private static @Nullable ImportingFrame of(RootNode root, @Nullable Node location) {
        SourceSection section = root.getSourceSection();
        if (section == null || !section.isAvailable() || root.isInternal()) {
            return null;
        }
        Source source = section.getSource();
        SourceSection call = location == null ? null : location.getEncapsulatingSourceSection();
        return new ImportingFrame(source.getPath(), source.getName(), source.getURI(),
                call == null || !call.isAvailable() ? null : call.getCharacters().toString());
    }

    /**
     * What the {@code import()} call sites of one {@code Vm}'s code say, by call node, so that an
     * {@code import()} is identified without a frame walk and its source URI and call text are read
     * and parsed once per site.
     *
     * <p>Keys are held weakly and values hold only strings, so the table keeps no code, hook or
     * context alive; a site whose code is collected drops out. Sites are the same in every context of
     * the {@code Vm} (the engine shares parsed code between them), and so is what they say: which
     * hook serves shared code is decided per context by the caller ({@link SharedCodeUsers}).
     */
    static final class Sites {
        private final Map<Node, ImportingFrame> byCall = new WeakHashMap<>();

        /** The code containing the import being resolved now ({@link ImportingFrame#current()}). */
        @Nullable ImportingFrame current() {
            Node call = ImportSeam.importCall();
            ImportingFrame frame = call == null ? null : site(call);
            if (frame == null) {
                return ImportingFrame.current();
            }
            assert sameAsWalk(frame) : "the import() call site and the frame walk disagree";
            return frame;
        }

        /**
         * The code of the {@code import()} call being resolved for the module at {@code modulePath}:
         * the module's own code, or code it compiled from a string ({@code eval}, {@code new
         * Function}), which GraalJS gives the module as referrer. {@code null} for a static import,
         * which the engine resolves while linking, outside any {@code import()} call (so no frame walk
         * is needed for it).
         */
        @Nullable ImportingFrame importCallFor(String modulePath) {
            Node call = ImportSeam.importCall();
            if (call == null) {
                assert !isInnermostFrameOf(modulePath) : "a static import of " + modulePath + " resolved while its own code runs";
                return null;
            }
            ImportingFrame frame = site(call);
            if (frame == null) {
                return ImportingFrame.current();
            }
            assert sameAsWalk(frame) : "the import() call site and the frame walk disagree";
            return frame;
        }

        private static boolean isInnermostFrameOf(String modulePath) {
            ImportingFrame walked = ImportingFrame.current();
            return walked != null && modulePath.equals(walked.path);
        }

        private @Nullable ImportingFrame site(Node call) {
            synchronized (byCall) {
                ImportingFrame known = byCall.get(call);
                if (known != null) {
                    return known;
                }
            }
            RootNode root = call.getRootNode();
            ImportingFrame frame = root == null ? null : of(root, call);
            if (frame != null) {
                synchronized (byCall) {
                    byCall.put(call, frame);
                }
            }
            return frame;
        }

        private static boolean sameAsWalk(ImportingFrame site) {
            ImportingFrame walked = ImportingFrame.current();
            return walked != null && Objects.equals(site.path, walked.path) && site.name.equals(walked.name)
                    && site.uri.equals(walked.uri) && Objects.equals(site.callText, walked.callText);
        }

        /** Remembered sites, collected or not; for tests. */
        int size() {
            synchronized (byCall) {
                return byCall.size();
            }
        }
    }
}
