// Node's side of the jsvm benchmarks: the same rows, measured with node:vm in one process.
// Prints one JSON object per line: {"row": <name>, "us": <median microseconds per operation>}.
// Usage: node --experimental-vm-modules vm-bench.js --group scripts|hooks|modules|libraries [--full]: one group of
// rows, with import hooks working (Node runs importModuleDynamically only with that flag, and then
// misses its compile cache for any hook); the hook rows also without the flag, where hooks do not run
// (reported separately, as "hooks not running"). Each group runs in its own process, so that one
// group's garbage does not slow the next. The libraries group also needs --libs <directory>, holding
// <name>.lib.js and <name>.workload.js per library (RunBenchmarks writes them: LibraryBenchmarks).
'use strict';
const vm = require('node:vm');
const fs = require('node:fs');
const path = require('node:path');

const full = process.argv.includes('--full');
const group = process.argv[process.argv.indexOf('--group') + 1];
const rounds = full ? 15 : 5;
const roundMillis = full ? 400 : 150;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// Runs op repeatedly for roundMillis, `rounds` times after one warm-up round; median us per op.
async function measure(row, op) {
  const perOp = [];
  for (let round = 0; round <= rounds; round++) {
    let count = 0;
    const start = process.hrtime.bigint();
    const end = start + BigInt(roundMillis) * 1000000n;
    let now = start;
    while (now < end) {
      await op();
      count++;
      if ((count & 7) === 0) now = process.hrtime.bigint();
    }
    now = process.hrtime.bigint();
    if (round > 0) perOp.push(Number(now - start) / 1000 / count);
  }
  console.log(JSON.stringify({ row, us: median(perOp) }));
}

function source(kb, tag) {
  let text = `var tag = ${JSON.stringify(tag)};\n`;
  let i = 0;
  while (text.length < kb * 1024) {
    text += `function f${i}(a, b) { return a * ${i} + b - Math.sqrt(a + ${i}); }\n`;
    i++;
  }
  return text + 'tag;';
}

let unique = 0;
const sync = (fn) => () => { fn(); };

async function main() {
  const src10k = source(10, 'same');
  const groups = { scripts: () => scriptRows(src10k), hooks: () => hookRows(src10k), modules: () => moduleRows(src10k), libraries: libraryRows };
  if (!groups[group]) {
    throw new Error('--group must be one of ' + Object.keys(groups).join(', '));
  }
  await groups[group]();
}

// Rows whose scripts set importModuleDynamically: one shared hook object, a new one per compile (what
// test runners do once per test file), and a whole test file (fresh context, compile, run).
async function hookRows(src10k) {
  const hook = () => { throw new Error('not called'); };
  await measure('compile-identical-10k-hook', sync(() => new vm.Script(src10k, { filename: 'same.js', importModuleDynamically: hook })));
  await measure('compile-identical-10k-new-hook', sync(() => {
    const file = unique++;
    return new vm.Script(src10k, { filename: 'same.js', importModuleDynamically: () => { throw new Error('not called in ' + file); } });
  }));
  await measure('test-file-new-hook', sync(() => {
    const context = vm.createContext({});
    const script = new vm.Script(src10k, {
      filename: 'same.js',
      importModuleDynamically: () => { throw new Error('not called in ' + context); },
    });
    return script.runInContext(context);
  }));
}

async function scriptRows(src10k) {
  const src1m = source(1024, 'same');
  await measure('compile-identical-10k', sync(() => new vm.Script(src10k, { filename: 'same.js' })));
  // A unique first line makes each source new to V8's cache without rebuilding the whole text.
  await measure('compile-unique-10k', sync(() => new vm.Script('//' + unique++ + '\n' + src10k, { filename: 'u.js' })));
  await measure('compile-unique-1m', sync(() => new vm.Script('//' + unique++ + '\n' + src1m, { filename: 'm.js' })));
  await measure('create-context', sync(() => vm.createContext({})));
  const tiny = new vm.Script('1 + 1');
  await measure('create-run-close', sync(() => tiny.runInContext(vm.createContext({}))));
  const context = vm.createContext({});
  await measure('tiny-in-existing-context', sync(() => tiny.runInContext(context)));
  await measure('run-in-new-context', sync(() => tiny.runInNewContext({})));
  new vm.Script('function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }').runInContext(context);
  const fib = new vm.Script('fib(27)');
  await measure('fib27-in-context', sync(() => fib.runInContext(context)));
}

// One simulated test file per library (LibraryBenchmarks): a fresh context, the library compiled (V8's
// cache hits) and run, its workload compiled and run; and the same with a new hook for the test file.
async function libraryRows() {
  const dir = process.argv[process.argv.indexOf('--libs') + 1];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.lib.js')).sort()) {
    const name = file.slice(0, -'.lib.js'.length);
    const code = fs.readFileSync(path.join(dir, file), 'utf8');
    const workload = fs.readFileSync(path.join(dir, name + '.workload.js'), 'utf8');
    const testFile = (hook) => {
      const context = vm.createContext({});
      const importModuleDynamically = hook && hook(context); // one hook for both compiles of the file
      const options = (filename) => (hook ? { filename, importModuleDynamically } : { filename });
      new vm.Script(code, options(name + '.js')).runInContext(context);
      const result = new vm.Script(workload, options(name + '-test.js')).runInContext(context);
      if (!(result > 0)) throw new Error(name + "'s workload returned " + result);
    };
    const newHook = (context) => () => { throw new Error('not called in ' + context); };
    await measure(name + '-test-file', sync(() => testFile(null)));
    await measure(name + '-test-file-new-hook', sync(() => testFile(newHook)));
  }
}

async function moduleRows(src10k) {
  if (vm.SourceTextModule) {
    const modContext = vm.createContext({});
    const target = new vm.SyntheticModule(['value'], function () { this.setExport('value', 1); }, { context: modContext });
    await target.link(() => {});
    await target.evaluate();
    const importer = new vm.Script('import("m")', { importModuleDynamically: () => target });
    await measure('dynamic-import-round-trip', () => importer.runInContext(modContext));
    await measure('source-text-module-link-evaluate', async () => {
      const module = new vm.SourceTextModule('export const x = 1;', { context: modContext });
      await module.link(() => {});
      await module.evaluate();
    });
    // An ES-module test runner per test file: a fresh context, the same module text again, link, evaluate.
    const module10k = src10k + '\nexport { tag };\n';
    await measure('source-text-module-new-context', async () => {
      const context = vm.createContext({});
      const module = new vm.SourceTextModule(module10k, { context, identifier: 'file:///test/module10k.mjs' });
      await module.link(() => {});
      await module.evaluate();
      if (module.namespace.tag !== 'same') throw new Error('module10k evaluated to ' + module.namespace.tag);
    });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
