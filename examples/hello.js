// A tiny script: console output, a computed completion value.
const greet = (name) => `Hello, ${name}!`;
console.log(greet('sandbox'));
({ answer: 6 * 7, primes: [2, 3, 5, 7].filter((p) => p > 2) })
