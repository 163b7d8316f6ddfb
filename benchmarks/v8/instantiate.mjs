#!/usr/bin/env node
// Measures V8's side of Ledge's instantiation comparison for the same .wasm files:
// WebAssembly.compile time and `new WebAssembly.Instance` p50/p90/p99, with stub imports (every
// function import returns zero of its result type; memory, table and global imports are created
// to the sizes the module asks for). Prints the column names `ledge bench` uses.
//
//   node benchmarks/v8/instantiate.mjs [--requests N] [--warmup N] [--json] MODULE.wasm...
//
// No npm dependencies. V8 keeps a process-wide cache of compiled modules keyed by their bytes, so
// only the first compile of a file is a real compile: that is the one reported.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const args = process.argv.slice(2);
const opts = { requests: 2000, warmup: 200, json: false };
const files = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--requests') opts.requests = parseInt(args[++i], 10);
  else if (a === '--warmup') opts.warmup = parseInt(args[++i], 10);
  else if (a === '--json') opts.json = true;
  else if (a === '-h' || a === '--help') {
    console.log('usage: node instantiate.mjs [--requests N] [--warmup N] [--json] MODULE.wasm...');
    process.exit(0);
  } else files.push(a);
}
if (files.length === 0) {
  console.error('instantiate.mjs: give at least one .wasm file');
  process.exit(2);
}

// --- A minimal reader for the type and import sections (the JS API does not expose import types).
class Reader {
  constructor(bytes, pos = 0) { this.b = bytes; this.p = pos; }
  byte() { return this.b[this.p++]; }
  u32() {
    let result = 0, shift = 0, b;
    do { b = this.byte(); result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return result;
  }
  name() { const n = this.u32(); const s = new TextDecoder().decode(this.b.subarray(this.p, this.p + n)); this.p += n; return s; }
  limits() {
    const flags = this.byte();
    const min = this.u32();
    const max = (flags & 1) ? this.u32() : undefined;
    return { min, max, shared: (flags & 2) !== 0 };
  }
}

const VALTYPES = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'anyfunc', 0x6f: 'externref' };

function importTypes(bytes) {
  const r = new Reader(bytes, 8);
  const types = [];
  const imports = [];
  while (r.p < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.p + size;
    if (id === 1) {
      for (let n = r.u32(); n > 0; n--) {
        r.byte(); // 0x60
        const params = []; for (let k = r.u32(); k > 0; k--) params.push(VALTYPES[r.byte()]);
        const results = []; for (let k = r.u32(); k > 0; k--) results.push(VALTYPES[r.byte()]);
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = r.u32(); n > 0; n--) {
        const module = r.name(), name = r.name(), kind = r.byte();
        if (kind === 0) imports.push({ module, name, kind: 'function', type: types[r.u32()] });
        else if (kind === 1) { const element = VALTYPES[r.byte()]; imports.push({ module, name, kind: 'table', element, limits: r.limits() }); }
        else if (kind === 2) imports.push({ module, name, kind: 'memory', limits: r.limits() });
        else if (kind === 3) { const value = VALTYPES[r.byte()]; const mutable = r.byte() === 1; imports.push({ module, name, kind: 'global', value, mutable }); }
        else throw new Error(`unknown import kind ${kind}`);
      }
      break; // the import section is the last one needed
    }
    r.p = end;
  }
  return imports;
}

function zero(type) {
  return type === 'i64' ? 0n : (type === 'externref' || type === 'anyfunc') ? null : 0;
}

function stubImports(bytes) {
  const obj = {};
  for (const imp of importTypes(bytes)) {
    let v;
    if (imp.kind === 'function') {
      const r = imp.type.results.length ? zero(imp.type.results[0]) : undefined;
      v = () => r;
    } else if (imp.kind === 'memory') {
      v = new WebAssembly.Memory({ initial: imp.limits.min, maximum: imp.limits.max, shared: imp.limits.shared });
    } else if (imp.kind === 'table') {
      v = new WebAssembly.Table({ element: imp.element, initial: imp.limits.min, maximum: imp.limits.max });
    } else {
      v = new WebAssembly.Global({ value: imp.value, mutable: imp.mutable }, zero(imp.value));
    }
    (obj[imp.module] ??= {})[imp.name] = v;
  }
  return obj;
}

// --- Measurement.
function percentile(sortedNanos, q) {
  const i = Math.max(0, Math.min(sortedNanos.length - 1, Math.ceil(q * sortedNanos.length) - 1));
  return Number(sortedNanos[i]) / 1000;
}
const round = (v) => Math.round(v * 100) / 100;

const rows = [];
for (const file of files) {
  const bytes = readFileSync(file);
  const t0 = process.hrtime.bigint();
  const module = await WebAssembly.compile(bytes);
  const compileMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const imports = stubImports(bytes);
  for (let i = 0; i < opts.warmup; i++) new WebAssembly.Instance(module, imports);
  const nanos = new BigInt64Array(opts.requests);
  for (let i = 0; i < opts.requests; i++) {
    const s = process.hrtime.bigint();
    new WebAssembly.Instance(module, imports);
    nanos[i] = process.hrtime.bigint() - s;
  }
  nanos.sort();
  rows.push({
    module: basename(file),
    compile_ms: round(compileMs),
    cached: false,
    instantiate_p50_us: round(percentile(nanos, 0.5)),
    instantiate_p90_us: round(percentile(nanos, 0.9)),
    instantiate_p99_us: round(percentile(nanos, 0.99)),
  });
}

if (opts.json) {
  console.log(JSON.stringify({
    settings: opts,
    machine: { node: process.version, v8: process.versions.v8, cpus: (await import('node:os')).cpus().length },
    modules: rows,
  }, null, 2));
} else {
  const cols = Object.keys(rows[0]);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(width[i]) : String(c).padStart(width[i]))).join('  ');
  console.log(line(cols));
  for (const r of rows) console.log(line(cols.map((c) => r[c])));
}
