// Node's side of the warm-up rows (io.github.jsvm.benchmarks.ColdStart): the first N operations of a
// fresh process. Usage: node --experimental-vm-modules cold-start.js contexts|compiles [--count N].
// contexts: vm.createContext + run a tiny script in it, N times; compiles: new vm.Script of N distinct
// small sources (the same text ColdStart.source(i) builds). Prints one JSON line, like ColdStart:
// {"row", "create_ms" (0: Node has no Vm to create), "ms" (wall), "thread_cpu_ms" and "cpu_ms"
// (process CPU: Node has one JavaScript thread, so both are the process's)}.
'use strict';
const vm = require('node:vm');

const what = process.argv[2] || 'contexts';
const countIndex = process.argv.indexOf('--count');
const count = countIndex > 0 ? Number(process.argv[countIndex + 1]) : 1000;

function source(i) {
  return `var x${i} = ${i};\nfunction f${i}(a, b) { return a * ${i} + b; }\nf${i}(x${i}, 1);\n`;
}

const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
let check = 0;
if (what === 'contexts') {
  const tiny = new vm.Script('1 + 1');
  for (let i = 0; i < count; i++) {
    check += tiny.runInContext(vm.createContext({}));
  }
  if (check !== 2 * count) throw new Error('wrong result ' + check);
} else if (what === 'compiles') {
  for (let i = 0; i < count; i++) {
    new vm.Script(source(i));
    check++;
  }
} else {
  throw new Error('contexts or compiles, not ' + what);
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
console.log(JSON.stringify({ row: what, create_ms: 0, ms: Number(ms.toFixed(1)), thread_cpu_ms: Number(cpuMs.toFixed(1)), cpu_ms: Number(cpuMs.toFixed(1)) }));
