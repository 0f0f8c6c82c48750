// An uncaught error: the runner prints a Node-style stack and exits with code 1.
function parse(input) {
  if (!input.startsWith('{')) {
    throw new TypeError(`not an object: ${input}`);
  }
  return JSON.parse(input);
}
parse('[1, 2]');
