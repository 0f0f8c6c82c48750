package io.github.jsvm;

/**
 * Opens a {@link Vm} to a debugger: Chrome DevTools (or any client of the Chrome DevTools Protocol)
 * connects over a WebSocket at {@code 127.0.0.1:port} (the inspector listens on the loopback
 * address only) and debugs every context of the Vm, as with Node's {@code --inspect}. Off unless given to {@link VmOptions}; guest code cannot turn it on. Needs the
 * GraalVM inspector ({@code org.graalvm.tools:chromeinspector-tool}, the GraalJS version) on the
 * class or module path, else {@link Vm#create(VmOptions)} throws {@link InvalidArgumentException}.
 * The engine prints the address to open on standard error. Any local process that can reach the
 * port and guess the random path in that address can run code in the Vm's contexts.
 *
 * @param port the TCP port, 1 to 65535 (Node's default is 9229)
 * @param suspend whether to wait for a debugger to attach and stop before the first statement
 *     runs ({@code --inspect-brk})
 */
public record InspectorOptions(int port, boolean suspend) {

    /** Validates the port. */
    public InspectorOptions {
        if (port < 1 || port > 65535) {
            throw new InvalidArgumentException("port must be between 1 and 65535, was " + port);
        }
    }
}
