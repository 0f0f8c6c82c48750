/** Command-line runner for jsvm. */
module io.github.jsvm.cli {
    requires io.github.jsvm;
    requires org.jline;
}
