//! A Rust test binary for wasm32-wasi (`rustc --test`), run by `ledge run` the way Fastly's
//! local tool runs one: its tests call hostcalls through Ledge's Rust binding (abi/rust) with the
//! suite's fastly.toml. Built a second time with `--cfg failing_test`, it holds one failing test,
//! so a runner must turn a test failure into a non-zero exit code.

#[path = "../../../abi/rust/fastly_abi/mod.rs"]
#[allow(dead_code, unused_imports)]
mod fastly_abi;

mod headers {
    use crate::fastly_abi::Request;

    #[test]
    fn insert_and_read_back() {
        let mut req = Request::new().expect("request");
        req.insert_header("x-test", "one").unwrap();
        req.append_header("x-test", "two").unwrap();
        assert_eq!(req.header_value("x-test").unwrap(), Some(b"one".to_vec()));
        assert_eq!(req.header_values("x-test").unwrap(), vec![b"one".to_vec(), b"two".to_vec()]);
        assert!(req.header_names().unwrap().contains(&"x-test".to_string()));
        assert!(req.remove_header("x-test").unwrap());
        assert_eq!(req.header_value("x-test").unwrap(), None);
    }

    #[test]
    fn method_and_uri() {
        let mut req = Request::new().unwrap();
        req.set_method("PUT").unwrap();
        req.set_uri("https://example.com/x").unwrap();
        assert_eq!(req.method().unwrap(), "PUT");
        assert_eq!(req.uri().unwrap(), "https://example.com/x");
        assert!(req.set_method("BAD METHOD").is_err());
    }
}

mod websockets {
    use crate::fastly_abi::{handoff_client_websocket, Request, Status};

    // A run's client request is no WebSocket upgrade: nothing can be handed off.
    #[test]
    fn a_client_request_that_is_no_upgrade_is_not_handed_off() {
        assert_eq!(Request::new().unwrap().handoff_websocket("origin"), Err(Status::INVAL));
        assert_eq!(handoff_client_websocket("origin"), Err(Status::INVAL));
    }

    #[test]
    fn an_unknown_backend_is_inval() {
        assert_eq!(Request::new().unwrap().handoff_websocket("nope"), Err(Status::INVAL));
        assert_eq!(handoff_client_websocket("nope"), Err(Status::INVAL));
    }
}

mod bodies {
    use crate::fastly_abi::Body;

    #[test]
    fn write_append_read() {
        let mut a = Body::new().unwrap();
        a.write_all(b"hello").unwrap();
        let mut b = Body::new().unwrap();
        b.write_all(b" world").unwrap();
        a.append(b).unwrap();
        assert_eq!(a.read_all().unwrap(), b"hello world".to_vec());
    }
}

mod stores {
    use crate::fastly_abi::{ConfigStore, Dictionary, SecretStore};

    #[test]
    fn config_store_reads_fastly_toml() {
        let s = ConfigStore::open("settings").unwrap();
        assert_eq!(s.get("greeting").unwrap().as_deref(), Some("hello"));
        assert_eq!(s.get("absent").unwrap(), None);
    }

    #[test]
    fn dictionary_and_secrets() {
        assert_eq!(Dictionary::open("animals").unwrap().get("cat").unwrap().as_deref(), Some("meow"));
        let store = SecretStore::open("keys").unwrap().expect("secret store keys");
        assert_eq!(store.get("signing").unwrap().expect("secret").plaintext().unwrap(), b"s3cr3t".to_vec());
    }
}

mod backends {
    use crate::fastly_abi::{Backend, Body, Request};

    #[test]
    fn origin_answers() {
        assert!(Backend::from_name("origin").exists().unwrap());
        let mut req = Request::new().unwrap();
        req.set_uri("http://127.0.0.1/a").unwrap();
        let (resp, mut body) = req.send(Body::new().unwrap(), "origin").map_err(|e| e.tag()).unwrap();
        assert_eq!(resp.status().unwrap(), 200);
        assert_eq!(body.read_all().unwrap(), b"body-a".to_vec());
    }
}

#[cfg(failing_test)]
#[test]
fn deliberately_failing() {
    let store = crate::fastly_abi::ConfigStore::open("settings").unwrap();
    assert_eq!(store.get("greeting").unwrap().as_deref(), Some("not what the store holds"));
}
