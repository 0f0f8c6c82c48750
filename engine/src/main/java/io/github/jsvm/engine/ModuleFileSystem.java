package io.github.jsvm.engine;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.io.FileSystem;
import org.jspecify.annotations.Nullable;

/**
 * The only files a context can read: the text of its own modules, under {@link ContextModules#KEY_PREFIX},
 * and, when a module root is configured, the files below that root, read-only.
 *
 * <p>GraalJS loads every module through the file system, so modules built from Java are served
 * from memory under their keys. Paths under the root are checked after symbolic links are resolved,
 * so a link cannot lead outside it. Everything else does not exist. Holds its context's modules
 * weakly: the file system is reachable from the engine's context, which must not keep the user's
 * context wrapper (and so itself) alive.
 */
final class ModuleFileSystem implements FileSystem {

    private final @Nullable Path root;
    private final @Nullable Path realRoot;
    private final @Nullable FileSystem files;
    private volatile WeakReference<ContextModules> modules = new WeakReference<>(null);
    /*
     * Module keys parsed before. GraalJS parses the key of a module on every import of it, twice,
     * and a new Path splits it again each time (a tenth of an import() round trip's samples went to
     * building TruffleFiles). Paths are immutable; the map is cleared when full, so it holds at most
     * the keys in use lately.
     */
    private final Map<String, Path> parsedKeys = new ConcurrentHashMap<>();
    private static final int PARSED_KEYS_LIMIT = 256;

    /** A file system serving {@code root} (may be {@code null}) and, once attached, a context's modules. */
    ModuleFileSystem(@Nullable Path root) {
        this.root = root;
        this.files = root == null ? null : FileSystem.newReadOnlyFileSystem(FileSystem.newDefaultFileSystem());
        Path real = root;
        if (root != null) {
            try {
                real = root.toRealPath();
            } catch (IOException missing) {
                // A root that does not exist (yet) serves nothing until it does; containment still holds.
            }
        }
        this.realRoot = real;
    }

    void attach(ContextModules contextModules) {
        this.modules = new WeakReference<>(contextModules);
    }

    private static boolean isModuleKey(Path path) {
        return isModuleKey(path.toString());
    }

    private static boolean isModuleKey(String path) {
        return path.startsWith(ContextModules.KEY_PREFIX);
    }

    /** The module's text; {@code read} when the engine is loading it (not just checking it). */
    private byte[] moduleText(Path path, boolean read) throws NoSuchFileException {
        ContextModules contextModules = modules.get();
        byte[] text = contextModules == null ? null
                : read ? contextModules.serve(path.toString()) : contextModules.text(path.toString());
        if (text == null) {
            throw new NoSuchFileException(path.toString());
        }
        return text;
    }

    /** Fails unless a module has key {@code path}; builds no text (the engine checks loaded modules again). */
    private void requireModule(Path path) throws NoSuchFileException {
        ContextModules contextModules = modules.get();
        if (contextModules == null || contextModules.find(path.toString()) == null) {
            throw new NoSuchFileException(path.toString());
        }
    }

    /* The host's file system: there is one exactly when a root is, which underRoot checks first. */
    private FileSystem files() {
        return Objects.requireNonNull(files, "no module root");
    }

    /** {@code path} made absolute and checked to lie under the root once links are resolved. */
    private Path underRoot(Path path) throws IOException {
        if (root == null) {
            throw new NoSuchFileException(path.toString(), null, "no module root is configured");
        }
        Path absolute = path.toAbsolutePath().normalize();
        if (!absolute.startsWith(root)) {
            throw new AccessDeniedException(path.toString(), null, "outside the module root " + root);
        }
        Path real = files().toRealPath(absolute);
        if (!real.startsWith(realRoot) && !real.startsWith(root)) {
            throw new AccessDeniedException(path.toString(), null, "links outside the module root " + root);
        }
        return real;
    }

    @Override
    public Path parsePath(URI uri) {
        if (!"file".equals(uri.getScheme())) {
            throw new UnsupportedOperationException("Only file URIs are supported: " + uri);
        }
        return Path.of(uri);
    }

    @Override
    public Path parsePath(String path) {
        if (!isModuleKey(path)) {
            return Path.of(path);
        }
        Path parsed = parsedKeys.get(path);
        if (parsed == null) {
            if (parsedKeys.size() >= PARSED_KEYS_LIMIT) {
                parsedKeys.clear();
            }
            parsed = Path.of(path);
            parsedKeys.put(path, parsed);
        }
        return parsed;
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        if (modes.contains(AccessMode.WRITE) || modes.contains(AccessMode.EXECUTE)) {
            throw new AccessDeniedException(path.toString(), null, "modules are read-only");
        }
        if (isModuleKey(path)) {
            requireModule(path);
        } else {
            Path real = underRoot(path);
            files().checkAccess(real, modes, linkOptions);
        }
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        for (OpenOption option : options) {
            if (option != StandardOpenOption.READ) {
                throw new AccessDeniedException(path.toString(), null, "modules are read-only");
            }
        }
        if (isModuleKey(path)) {
            return new ReadOnlyChannel(moduleText(path, true));
        }
        Path real = underRoot(path);
        return files().newByteChannel(real, options, attrs);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        if (!isModuleKey(path)) {
            Path real = underRoot(path);
            return files().readAttributes(real, attributes, options);
        }
        long size = moduleText(path, false).length;
        FileTime epoch = FileTime.fromMillis(0);
        Map<String, Object> result = new HashMap<>();
        result.put("size", size);
        result.put("isRegularFile", true);
        result.put("isDirectory", false);
        result.put("isSymbolicLink", false);
        result.put("isOther", false);
        result.put("lastModifiedTime", epoch);
        result.put("lastAccessTime", epoch);
        result.put("creationTime", epoch);
        result.put("fileKey", null);
        return result;
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return path.isAbsolute() ? path : (root == null ? Path.of("/") : root).resolve(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        if (isModuleKey(path)) {
            requireModule(path);
            return path;
        }
        return underRoot(path);
    }

    @Override
    public String getMimeType(Path path) {
        return path.toString().endsWith(".json") ? SourceOrigin.JSON_MIME_TYPE : SourceOrigin.MODULE_MIME_TYPE;
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        throw new AccessDeniedException(dir.toString(), null, "modules are read-only");
    }

    @Override
    public void delete(Path path) throws IOException {
        throw new AccessDeniedException(path.toString(), null, "modules are read-only");
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        throw new AccessDeniedException(dir.toString(), null, "modules cannot be listed");
    }

    /** A read-only channel over bytes in memory. */
    private static final class ReadOnlyChannel implements SeekableByteChannel {
        private final byte[] bytes;
        private int position;
        private boolean open = true;

        ReadOnlyChannel(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer target) {
            if (position >= bytes.length) {
                return -1;
            }
            int count = Math.min(target.remaining(), bytes.length - position);
            target.put(bytes, position, count);
            position += count;
            return count;
        }

        @Override
        public int write(ByteBuffer source) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = (int) Math.min(newPosition, bytes.length);
            return this;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
