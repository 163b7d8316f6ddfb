package dev.ledge.engine.outline;

/**
 * Generates a WAT module whose {@code run(seed, steps)} is a small virtual machine: a loop around a
 * switch whose cases use every shape the outliner must preserve — i32/i64/f32/f64 locals, memory,
 * calls, nested blocks with several results and with parameters, if/else with results, inner loops
 * that carry values, branches out of the switch with values, returns, and traps — and returns a
 * checksum of everything it touched. Large enough that splitting it needs many regions.
 */
final class OutlineFixture {
    private OutlineFixture() {
    }

    static String wat(int cases) {
        StringBuilder s = new StringBuilder();
        s.append("(module\n (memory 1)\n (type $pair (func (result i32 i64)))\n (type $inc (func (param i32) (result i32)))\n");
        s.append(" (func $mix (param i32 i64) (result i64) (i64.xor (i64.extend_i32_u (local.get 0)) (i64.rotl (local.get 1) (i64.const 7))))\n");
        s.append(" (func (export \"run\") (param $seed i32) (param $steps i32) (result i64)\n");
        s.append("  (local $a i32) (local $b i64) (local $f f32) (local $d f64) (local $k i32) (local $t i32)\n");
        s.append("  (if (i32.eq (local.get $steps) (i32.const 12345)) (then (return (i64.const 1))))\n");
        s.append("  (local.set $a (local.get $seed))\n");
        s.append("  (i64.add (i64.extend_i32_u (block $exit (result i32)\n   (loop $top\n");
        s.append("    (local.set $seed (i32.add (i32.mul (local.get $seed) (i32.const 1103515245)) (i32.const 12345)))\n");
        s.append("    (br_if $exit (i32.const -7) (i32.eqz (local.get $steps)))\n");
        s.append("    (local.set $steps (i32.sub (local.get $steps) (i32.const 1)))\n");
        for (int c = cases - 1; c >= 0; c--) {
            s.append("    (block $c").append(c).append("\n");
        }
        s.append("    (br_table");
        for (int c = 0; c < cases; c++) {
            s.append(" $c").append(c);
        }
        s.append(" (i32.rem_u (i32.shr_u (local.get $seed) (i32.const 8)) (i32.const ").append(cases).append(")))\n");
        for (int c = 0; c < cases; c++) {
            s.append("    )\n");
            s.append(caseBody(c));
            s.append("    (br $top)\n");
        }
        s.append("   )\n   (i32.const 0))) (call $mix (local.get $a) (i64.add (local.get $b)\n");
        s.append("     (i64.add (i64.trunc_sat_f64_s (local.get $d)) (i64.add (i64.extend_i32_u (i32.trunc_sat_f32_s (local.get $f)))\n");
        s.append("       (i64.load (i32.const 64)))))))))\n");
        return s.toString();
    }

    private static String caseBody(int c) {
        StringBuilder s = new StringBuilder();
        int shape = c % 10;
        for (int k = 0; k < 6 + (c % 4) * 6; k++) { // padding arithmetic so cases differ in size
            s.append("    (local.set $a (i32.add (i32.xor (local.get $a) (i32.const ").append(c * 31 + k).append(")) (local.get $seed)))\n");
            s.append("    (local.set $b (i64.add (local.get $b) (i64.extend_i32_s (local.get $a))))\n");
        }
        switch (shape) {
            case 0 -> s.append("    (i32.store (i32.and (local.get $a) (i32.const 1020)) (local.get $seed))\n")
                    .append("    (i64.store (i32.const 64) (i64.add (i64.load (i32.const 64)) (local.get $b)))\n");
            case 1 -> s.append("    (block (type $pair) (i32.const 3) (i64.const 4))\n")
                    .append("    (local.set $b (i64.add (local.get $b)))\n    (local.set $a (i32.add (local.get $a)))\n");
            case 2 -> s.append("    local.get $a\n    (block (type $inc) (i32.const 9) (i32.add))\n    local.set $a\n")
                    .append("    (local.set $f (f32.add (local.get $f) (f32.convert_i32_s (i32.and (local.get $a) (i32.const 255)))))\n");
            case 3 -> s.append("    (local.set $d (if (result f64) (i32.and (local.get $a) (i32.const 1))\n")
                    .append("      (then (f64.add (local.get $d) (f64.const 1.5))) (else (f64.sub (local.get $d) (f64.const 0.25)))))\n");
            case 4 -> s.append("    (local.set $k (i32.const 0))\n")
                    .append("    (local.set $t (loop $inner (result i32) (local.set $k (i32.add (local.get $k) (i32.const 1)))\n")
                    .append("      (br_if $inner (i32.lt_u (local.get $k) (i32.and (local.get $a) (i32.const 7)))) (local.get $k)))\n")
                    .append("    (local.set $a (i32.add (local.get $a) (local.get $t)))\n");
            case 5 -> s.append("    (drop (br_if $exit (i32.and (local.get $a) (i32.const 2047)) (i32.eq (i32.and (local.get $a) (i32.const 63)) (i32.const 5))))\n");
            case 6 -> s.append("    (if (i32.eq (i32.and (local.get $a) (i32.const 127)) (i32.const 9))\n")
                    .append("      (then (return (i64.const 424242))))\n");
            case 7 -> s.append("    (local.set $a (i32.div_s (local.get $a) (i32.and (i32.shr_u (local.get $seed) (i32.const 16)) (i32.const 31))))\n");
            case 8 -> s.append("    (local.set $b (call $mix (local.get $a) (local.get $b)))\n")
                    .append("    (block $inner (br_table $inner $top $inner (i32.and (local.get $a) (i32.const 3))))\n");
            default -> s.append("    (drop (block $x (result i32) (drop (block $y (result i32) (br_table $x $y $exit (i32.const 77) (i32.and (local.get $a) (i32.const 3))))) (i32.const 5)))\n")
                    .append("    (local.set $a (i32.rotl (local.get $a) (i32.const 3)))\n");
        }
        return s.toString();
    }
}
