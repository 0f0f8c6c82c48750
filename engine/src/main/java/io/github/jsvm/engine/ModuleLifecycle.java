package io.github.jsvm.engine;

import io.github.jsvm.ModuleAlreadyLinkedException;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.ModuleStatusException;
import io.github.jsvm.VmException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One module's status, and the only code that changes it: Node's {@code vm.Module} state machine.
 *
 * <pre>
 * unlinked ──link/instantiate──▶ linking ──instantiated──▶ linked ──body starts──▶ evaluating ──▶ evaluated
 *     ▲                             │                         └───────────(nothing to run)────────────▲
 *     └──────attempt abandoned──────┘          any status ──failure──▶ errored (the first error stays)
 * </pre>
 *
 * <p>Two kinds of transitions. Those the API asks for ({@link #beginLink}, {@link #instantiated},
 * {@link #abandonLinking}) are checked: a request the status does not allow is the user's
 * {@link ModuleStatusException}, with Node's wording, and an impossible one is a library bug
 * ({@link IllegalStateException}). Those the engine reports ({@link #bodyStarted}, {@link #evaluated},
 * {@link #fail}) apply only where they fit and otherwise change nothing, because guest code can send
 * reports too (see {@link ModuleBridge}) and a late report must not undo an earlier outcome.
 */
final class ModuleLifecycle {
    private final String identifier;
    private volatile ModuleStatus status = ModuleStatus.UNLINKED;
    private volatile @Nullable VmException error;
    /* Errored by a failed link: like Node, such a module has no namespace. */
    private volatile boolean linkFailed;

    ModuleLifecycle(String identifier) {
        this.identifier = identifier;
    }

    ModuleStatus status() {
        return status;
    }

    /** The error of an errored module; Node's status error otherwise. */
    VmException error() {
        ModuleStatus current = status;
        if (current != ModuleStatus.ERRORED) {
            throw statusMust("be errored", current);
        }
        return Objects.requireNonNull(error, "fail() sets the error before the status");
    }

    /** Node's check for operations on a linked graph: not unlinked, not linking, not errored by its link. */
    void requireLinked() {
        ModuleStatus current = status;
        if (current == ModuleStatus.UNLINKED || current == ModuleStatus.LINKING || linkFailed) {
            throw statusMust("not be unlinked or linking", current);
        }
    }

    /** Node's check before evaluating: fails unless linked, evaluating, evaluated or errored. */
    void requireEvaluable() {
        ModuleStatus current = status;
        if (current == ModuleStatus.UNLINKED || current == ModuleStatus.LINKING) {
            throw notEvaluable(current);
        }
    }

    ModuleStatusException notEvaluable(ModuleStatus current) {
        return statusMust("be one of linked, evaluated, or errored", current);
    }

    /** Node's status error: "Module status must {@code requirement}: <identifier> is <current>". */
    ModuleStatusException statusMust(String requirement, ModuleStatus current) {
        return new ModuleStatusException("Module status must " + requirement + ": " + identifier + " is " + current.label(), current);
    }

    /** {@code link()} on this module: unlinked to linking, or Node's error for any other status. */
    synchronized void beginLink() {
        requireLinkable(false);
        status = ModuleStatus.LINKING;
    }

    /**
     * Node's check before linking a module or resolving its requests ({@code requestsResolved}: they
     * were resolved already): it must be unlinked.
     */
    synchronized void requireLinkable(boolean requestsResolved) {
        if (status == ModuleStatus.LINKED || requestsResolved) {
            throw new ModuleAlreadyLinkedException(identifier);
        }
        if (status != ModuleStatus.UNLINKED) {
            throw statusMust("be unlinked", status);
        }
    }

    /** Takes an unlinked module into a link or instantiate attempt; whether it was unlinked (else it is left alone). */
    synchronized boolean claimForLinking() {
        if (status != ModuleStatus.UNLINKED) {
            return false;
        }
        status = ModuleStatus.LINKING;
        return true;
    }

    /** The attempt this module was claimed for failed without failing the module: back to unlinked. */
    synchronized void abandonLinking() {
        if (status == ModuleStatus.LINKING) {
            status = ModuleStatus.UNLINKED;
        }
    }

    /** The attempt succeeded: linking to linked. */
    synchronized void instantiated() {
        if (status != ModuleStatus.LINKING) {
            throw new IllegalStateException(identifier + " was instantiated while " + status.label());
        }
        status = ModuleStatus.LINKED;
    }

    /** The body started running (or waits on top-level await beyond a run); whether the module was linked. */
    synchronized boolean bodyStarted() {
        if (status != ModuleStatus.LINKED) {
            return false;
        }
        status = ModuleStatus.EVALUATING;
        return true;
    }

    /** The body completed, or the module needs no body run (JSON); not after an error. */
    synchronized void evaluated() {
        if (status == ModuleStatus.LINKED || status == ModuleStatus.EVALUATING) {
            status = ModuleStatus.EVALUATED;
        }
    }

    /** Errors the module with {@code failure} ({@code byLink}: its link failed); the first error stays. */
    synchronized void fail(VmException failure, boolean byLink) {
        if (status == ModuleStatus.ERRORED) {
            return;
        }
        error = failure;
        linkFailed = byLink;
        status = ModuleStatus.ERRORED;
    }
}
