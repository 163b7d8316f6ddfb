//! Conformance area `run_command`: what `ledge run` (or another runtime's run mode) gives a
//! command-style guest. Expects to be run as `RUNNER run_command.wasm -- alpha --beta "" gamma`
//! (see RunModeTest): argv after the program name, the synthetic downstream request a guest may
//! ask for, stderr, and `exit=N` as the last argument making the guest exit with N instead.

#[path = "common/check.rs"]
mod check;
#[path = "common/raw.rs"]
mod raw;

use check::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(code) = args.last().and_then(|a| a.strip_prefix("exit=")) {
        eprintln!("run_command: exiting with {}", code);
        std::process::exit(code.parse().unwrap_or(99));
    }
    let mut c = Checks::new("run_command");
    c.eq("argv_after_program_name", args.get(1..).map(|a| a.to_vec()),
        Some(vec!["alpha".to_string(), "--beta".to_string(), String::new(), "gamma".to_string()]));
    c.check("argv0_names_the_module", args.first().map_or(false, |a| a.ends_with(".wasm") || !a.is_empty()),
        format!("{:?}", args.first()));
    eprintln!("run_command: this line goes to stderr");

    unsafe {
        c.status("abi_init", raw::fastly_abi::init(1), OK);
        let (mut req, mut body) = (u32::MAX, u32::MAX);
        c.status("synthetic_downstream_request", raw::fastly_http_req::body_downstream_get(out(&mut req), out(&mut body)), OK);
        let mut buf = [0u8; 64];
        let mut n = 0u32;
        let st = raw::fastly_http_req::method_get(req, mptr(&mut buf), 64, out(&mut n));
        c.value("synthetic_request_method", st, OK, &buf[..n as usize], b"GET");
        let st = raw::fastly_http_req::uri_get(req, mptr(&mut buf), 64, out(&mut n));
        let uri = String::from_utf8_lossy(&buf[..n as usize]).to_string();
        c.check("synthetic_request_uri", st == OK && uri.starts_with("http"), format!("{} {:?}", status_name(st), uri));
        let st = raw::fastly_http_body::read(body, mptr(&mut buf), 64, out(&mut n));
        c.value("synthetic_request_body_empty", st, OK, n, 0);
        // A response sent in run mode goes nowhere, but the call succeeds.
        let mut resp = 0u32;
        c.status("resp_new", raw::fastly_http_resp::new(out(&mut resp)), OK);
        let mut rb = 0u32;
        c.status("body_new", raw::fastly_http_body::new(out(&mut rb)), OK);
        c.status("send_downstream", raw::fastly_http_resp::send_downstream(resp, rb, 0), OK);
    }
    c.finish();
}
