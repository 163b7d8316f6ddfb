#!/usr/bin/env python3
"""Writes raw.rs: raw imports of every hostcall Ledge implements, for the conformance guests.

Usage: java -jar wasm-host/target/ledge.jar abi --functions | python3 gen_raw.py > raw.rs
(run from the repository root; parameter names come from abi/spec, core types from the listing).
RawImportsTest fails when raw.rs and the host's implemented hostcalls drift apart.
"""
import os
import re
import sys

SPEC = 'abi/spec'

names = {}
for f in sorted(os.listdir(SPEC)):
    if not f.endswith('.abi') or f == 'types.abi':
        continue
    text = open(os.path.join(SPEC, f)).read()
    module = re.search(r'^module (\S+)', text, re.M).group(1)
    for m in re.finditer(r'^fn (\w+)\((.*?)\)\s*->\s*status', text, re.M | re.S):
        params = [p.strip() for p in re.split(r',(?![^<]*>)', m.group(2).replace('\n', ' ')) if p.strip()]
        flat = []
        for p in params:
            n, t = [x.strip() for x in p.split(':', 1)]
            flat += [n + '_ptr', n + '_len'] if t in ('bytes', 'string') or t.startswith('list<') else [n]
        names[(module, m.group(1))] = flat

modules = {}
for line in sys.stdin:
    m = re.match(r'(\w+)\.(\w+) \((.*?)\) -> i32 (\w+)', line)
    if not m or m.group(4) != 'implemented':
        continue
    module, fn, core = m.group(1), m.group(2), m.group(3).split()
    nm = names.get((module, fn))
    if not nm or len(nm) != len(core):
        nm = ['a%d' % i for i in range(len(core))]
    modules.setdefault(module, []).append((fn, [(n, 'u64' if c == 'i64' else 'u32') for n, c in zip(nm, core)]))

print('//! Raw imports of every hostcall Ledge implements, with core-Wasm types only (pointers and')
print('//! lengths are plain `u32` guest addresses, so checks can pass odd ones). Generated from')
print('//! abi/spec and `ledge abi --functions` by gen_raw.py; every function returns a `fastly_status` code.')
print('#![allow(dead_code)]')
for module, fns in modules.items():
    print('\npub mod %s {\n    #[link(wasm_import_module = "%s")]\n    extern "C" {' % (module, module))
    for fn, ps in fns:
        print('        pub fn %s(%s) -> u32;' % (fn, ', '.join('%s: %s' % p for p in ps)))
    print('    }\n}')
