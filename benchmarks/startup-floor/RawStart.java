import org.graalvm.polyglot.Context;

/** The start-up floor: GraalJS alone, one context evaluating one line, nothing of jsvm. */
public class RawStart {
    public static void main(String[] args) {
        try (Context context = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
            System.out.println(context.eval("js", "6 * 7"));
        }
    }
}
