//! The conformance guests' check harness: one line per check on stdout
//! (`ok AREA.CHECK` or `FAIL AREA.CHECK: what happened`), a summary line, and a non-zero exit
//! code when any check failed. The JUnit suite turns each line into one test result.

#![allow(dead_code)]

use std::fmt::Display;

/// Status codes by number, for readable failure lines.
pub const STATUS_NAMES: [&str; 15] = [
    "ok", "error", "inval", "badf", "buflen", "unsupported", "badalign", "httpinvalid",
    "httpuser", "httpincomplete", "none", "httpheadtoolarge", "httpinvalidstatus", "limitexceeded",
    "again",
];

/// The name of status code `s`.
pub fn status_name(s: u32) -> String {
    STATUS_NAMES.get(s as usize).map(|n| n.to_string()).unwrap_or_else(|| format!("status {}", s))
}

pub const OK: u32 = 0;
pub const ERROR: u32 = 1;
pub const INVAL: u32 = 2;
pub const BADF: u32 = 3;
pub const BUFLEN: u32 = 4;
pub const UNSUPPORTED: u32 = 5;
pub const HTTPINVALID: u32 = 7;
pub const NONE: u32 = 10;
pub const AGAIN: u32 = 14;

/// Counts and prints the checks of one area.
pub struct Checks {
    area: &'static str,
    total: u32,
    failed: u32,
    /// Every line printed so far (HTTP-mode guests answer with them).
    pub lines: Vec<String>,
}

impl Checks {
    pub fn new(area: &'static str) -> Checks {
        Checks { area, total: 0, failed: 0, lines: Vec::new() }
    }

    /// Records one check: `ok` when `pass`, else a failure with `detail`.
    pub fn check(&mut self, name: &str, pass: bool, detail: impl Display) -> bool {
        self.total += 1;
        let line = if pass {
            format!("ok {}.{}", self.area, name)
        } else {
            self.failed += 1;
            format!("FAIL {}.{}: {}", self.area, name, detail)
        };
        println!("{}", line);
        self.lines.push(line);
        pass
    }

    /// Checks that a hostcall returned status `want`.
    pub fn status(&mut self, name: &str, got: u32, want: u32) -> bool {
        let detail = format!("got {}, want {}", status_name(got), status_name(want));
        self.check(name, got == want, detail)
    }

    /// Checks that a hostcall returned one of `wants` (where hosts are known to differ).
    pub fn one_of(&mut self, name: &str, got: u32, wants: &[u32]) -> bool {
        let names: Vec<String> = wants.iter().map(|w| status_name(*w)).collect();
        let detail = format!("got {}, want one of {}", status_name(got), names.join(", "));
        self.check(name, wants.contains(&got), detail)
    }

    /// Checks that a hostcall returned `want_status` and the value it wrote equals `want`.
    pub fn value<T: PartialEq + std::fmt::Debug>(&mut self, name: &str, got_status: u32, want_status: u32, got: T, want: T) -> bool {
        let pass = got_status == want_status && got == want;
        let detail = format!("got {} {:?}, want {} {:?}", status_name(got_status), got, status_name(want_status), want);
        self.check(name, pass, detail)
    }

    /// Checks two values are equal.
    pub fn eq<T: PartialEq + std::fmt::Debug>(&mut self, name: &str, got: T, want: T) -> bool {
        let detail = format!("got {:?}, want {:?}", got, want);
        self.check(name, got == want, detail)
    }

    /// Whether every check so far passed.
    pub fn all_passed(&self) -> bool {
        self.failed == 0
    }

    /// Every check line and the summary, one per line (the body HTTP-mode guests answer with).
    pub fn report(&self) -> String {
        let mut s = self.lines.join("\n");
        s.push_str(&format!("\n# {}: {} checks, {} failed\n", self.area, self.total, self.failed));
        s
    }

    /// Prints the summary and exits: 0 when every check passed, 1 otherwise.
    pub fn finish(self) -> ! {
        println!("# {}: {} checks, {} failed", self.area, self.total, self.failed);
        std::process::exit(if self.failed == 0 { 0 } else { 1 });
    }
}

/// The guest address of `x`, for out-parameters of the raw imports.
pub fn out<T>(x: &mut T) -> u32 {
    x as *mut T as usize as u32
}

/// The guest address of a byte slice.
pub fn ptr(b: &[u8]) -> u32 {
    b.as_ptr() as usize as u32
}

/// The guest address of a mutable byte slice.
pub fn mptr(b: &mut [u8]) -> u32 {
    b.as_mut_ptr() as usize as u32
}

/// An address wholly past the end of linear memory (the host must answer inval, never trap).
pub fn past_memory() -> u32 {
    (core::arch::wasm32::memory_size(0) as u32) * 65536 + 64
}

/// An address whose range of `len` bytes starts inside memory and runs past its end.
pub fn straddling_end(len: u32) -> u32 {
    (core::arch::wasm32::memory_size(0) as u32) * 65536 - len / 2
}
