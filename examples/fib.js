// Compute-heavy: shows the JIT at work. Prints the result and the time per call.
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
let best = Infinity;
for (let round = 0; round < 40; round++) {
  const start = Date.now();
  fib(27);
  best = Math.min(best, Date.now() - start);
}
`fib(27) = ${fib(27)}, best of 40 rounds: ${best} ms`
