package io.github.jsvm.engine;

import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.FrameInstance;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.source.SourceSection;
import java.net.URI;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The innermost guest function on the current thread's stack that has source code: during an
 * import lookup, the code that contains the {@code import} being resolved.
 *
 * <p>Read by walking the thread's Truffle frames, which costs far less than capturing a guest stack
 * trace (no exception, no host stack trace). Frames of built-ins carry no source and are skipped.
 *
 * @param path the source's path ({@code null} unless loaded from a file or module key)
 * @param name the source's name
 * @param uri the source's URI
 * @param callText the text of the expression being executed in that frame (the {@code import(...)}
 *     call), {@code null} when the engine does not tell
 */
record ImportingFrame(@Nullable String path, String name, URI uri, @Nullable String callText) {

    /** The innermost guest frame with source code, or {@code null} when no guest code is running. */
    static @Nullable ImportingFrame current() {
        return Truffle.getRuntime().iterateFrames(ImportingFrame::of);
    }

    /**
     * The path of the innermost guest code with source outside the library's own sources: empty
     * when that code has no path (a script), {@code null} when no such code is running.
     */
    static Optional<String> callerPath() {
        return Truffle.getRuntime().iterateFrames(frame -> {
            ImportingFrame code = of(frame);
            return code == null || code.name().startsWith(SourceOrigin.INTERNAL_PREFIX) ? null : Optional.ofNullable(code.path());
        });
    }

    private static @Nullable ImportingFrame of(FrameInstance frame) {
        if (!(frame.getCallTarget() instanceof RootCallTarget target)) {
            return null;
        }
        RootNode root = target.getRootNode();
        SourceSection section = root.getSourceSection();
        if (section == null || !section.isAvailable() || root.isInternal()) {
            return null;
        }
        Source source = section.getSource();
        Node location = frame.getCallNode();
        SourceSection call = location == null ? null : location.getEncapsulatingSourceSection();
        return new ImportingFrame(source.getPath(), source.getName(), source.getURI(),
                call == null || !call.isAvailable() ? null : call.getCharacters().toString());
    }
}
