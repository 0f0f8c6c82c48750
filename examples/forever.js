// Never ends: run it with --timeout 500 to see the watchdog stop it.
let spins = 0;
while (true) { spins++; }
