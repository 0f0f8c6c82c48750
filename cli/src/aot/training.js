// Training run for the runner's AOT cache (see build-tools/StartupImage.java): what a short script
// typically touches, so that the classes behind it are loaded and linked from the cache.
class Point {
  constructor(x, y) { this.x = x; this.y = y; }
  toString() { return `(${this.x}, ${this.y})`; }
}
const points = [1, 2, 3].map((i) => new Point(i, i * i));
console.log(points.join(' '), JSON.stringify({ points }), /(\d+), (\d+)/.exec(points[1].toString())[2]);
const counts = new Map();
for (const word of 'a b a c b a'.split(' ')) counts.set(word, (counts.get(word) || 0) + 1);
try {
  null.x;
} catch (e) {
  console.log(e instanceof TypeError, String(e.stack).split('\n').length > 0);
}
Promise.resolve(6).then((v) => console.log(v * 7));
({ answer: 42, words: [...counts.keys()], set: new Set([1, 2]), when: new Date(0), big: 2n ** 64n, nested: { list: [1, 'two', null, undefined] } })
