package io.github.jsvm.engine;

import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.EventContext;
import com.oracle.truffle.api.instrumentation.ExecutionEventNode;
import com.oracle.truffle.api.instrumentation.SourceFilter;
import com.oracle.truffle.api.instrumentation.SourceSectionFilter;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.instrumentation.TruffleInstrument;
import com.oracle.truffle.api.source.Source;
import java.net.URI;
import java.util.List;
import org.graalvm.options.OptionCategory;
import org.graalvm.options.OptionDescriptor;
import org.graalvm.options.OptionDescriptors;
import org.graalvm.options.OptionKey;
import org.graalvm.options.OptionStability;

/**
 * Stops code imported from {@code data:} URLs before its first statement runs.
 *
 * <p>GraalJS resolves {@code import('data:text/javascript,...')} itself, before the lookup the
 * library's {@link ImportSeam} sees, and offers no option to turn it off. Such an import would turn
 * a string into running code behind every hook and despite {@code codeGenerationFromStrings(false)}.
 * This instrument enters every function of such a module (the module body included) with an error,
 * so the import is rejected and none of its code ever runs. It watches source loads only until the
 * engine loads its first data-URL module, and only then instruments: until a guest tries such an
 * import the guard costs nothing and leaves function translation lazy (after it, the engine
 * translates every function eagerly, as GraalJS does whenever an instrument is attached). JSON data URLs still load: they run no code
 * (like {@code JSON.parse}, which the guest has anyway).
 *
 * <p>A data-URL module is recognised by what GraalJS gives it: a name {@code data-uri.<ext>}, no
 * path, and a generated {@code truffle:} URI. The library's own sources always carry a {@code jsvm:}
 * URI or a path.
 */
final class DataImportGuard extends TruffleInstrument {
    /** Instrument id; setting the engine option of the same name to {@code true} turns the guard on. */
    static final String ID = "jsvm-data-import-guard";
    static final String MESSAGE = "code imported from a data: URL may not run in this sandbox; serve the module "
            + "through an importModuleDynamically hook or a linker instead";

    private static final String DATA_SOURCE_NAME_PREFIX = "data-uri.";
    private static final OptionKey<Boolean> ENABLED = new OptionKey<>(false);

    private boolean rejecting;

    @Override
    protected void onCreate(Env env) {
        if (!env.getOptions().get(ENABLED)) {
            return;
        }
        /*
         * Listening for source loads materialises nothing. An execution binding does: while one
         * exists, GraalJS translates every function of every source eagerly (whatever the binding's
         * source filter), which would undo lazy function translation for all code. So the rejecting
         * binding is attached when the first data-URL module is loaded: parsing precedes running,
         * and a binding attached then instruments that module's roots before any of them runs.
         */
        SourceFilter dataModules = SourceFilter.newBuilder().sourceIs(DataImportGuard::isDataUrlModule).build();
        env.getInstrumenter().attachLoadSourceListener(dataModules, loaded -> rejectDataModules(env), false);
    }

    private synchronized void rejectDataModules(Env env) {
        if (rejecting) {
            return;
        }
        SourceSectionFilter dataModuleRoots = SourceSectionFilter.newBuilder()
                .sourceIs(DataImportGuard::isDataUrlModule)
                .tagIs(StandardTags.RootTag.class)
                .build();
        env.getInstrumenter().attachExecutionEventFactory(dataModuleRoots, Rejecting::new);
        rejecting = true;
    }

    @Override
    protected OptionDescriptors getOptionDescriptors() {
        return OptionDescriptors.create(List.of(OptionDescriptor.newBuilder(ENABLED, ID)
                .help("Reject modules imported from data: URLs before any of their code runs.")
                .category(OptionCategory.USER)
                .stability(OptionStability.STABLE)
                .build()));
    }

    static boolean isDataUrlModule(Source source) {
        URI uri = source.getURI();
        return source.getPath() == null
                && source.getName().startsWith(DATA_SOURCE_NAME_PREFIX)
                && (uri == null || "truffle".equals(uri.getScheme()));
    }

    /** Throws on entry, before the instrumented function's first statement. */
    private static final class Rejecting extends ExecutionEventNode {
        Rejecting(@SuppressWarnings("unused") EventContext context) {}

        @Override
        protected void onEnter(VirtualFrame frame) {
            throw new DataImportRejected(this);
        }
    }

    /** The guest-visible error: the guest's {@code import()} promise rejects with it. */
    @SuppressWarnings("serial")
    static final class DataImportRejected extends AbstractTruffleException {
        DataImportRejected(com.oracle.truffle.api.nodes.Node location) {
            super(MESSAGE, location);
        }
    }

    /** Registers the instrument with Truffle (what the Truffle annotation processor would generate). */
    @TruffleInstrument.Registration(id = ID, name = "jsvm data: import guard")
    public static final class Provider extends InstrumentProvider {
        /** Called by {@link java.util.ServiceLoader}. */
        public Provider() {
            super(DataImportGuard.class, DataImportGuard::new);
        }
    }
}
