package fastlyabi

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// expectedCore lists, for every raw import, the core-Wasm signature the witx definition
// lowers to (written from compute-at-edge.witx / typenames.witx, independently of the
// Go declarations it checks).
var expectedCore = map[string]string{
	"fastly_abi.init": "(i64)->i32",

	"fastly_http_req.body_downstream_get":            "(i32,i32)->i32",
	"fastly_http_req.new":                            "(i32)->i32",
	"fastly_http_req.method_get":                     "(i32,i32,i32,i32)->i32",
	"fastly_http_req.method_set":                     "(i32,i32,i32)->i32",
	"fastly_http_req.uri_get":                        "(i32,i32,i32,i32)->i32",
	"fastly_http_req.uri_set":                        "(i32,i32,i32)->i32",
	"fastly_http_req.version_get":                    "(i32,i32)->i32",
	"fastly_http_req.version_set":                    "(i32,i32)->i32",
	"fastly_http_req.header_names_get":               "(i32,i32,i32,i32,i32,i32)->i32",
	"fastly_http_req.header_value_get":               "(i32,i32,i32,i32,i32,i32)->i32",
	"fastly_http_req.header_values_get":              "(i32,i32,i32,i32,i32,i32,i32,i32)->i32",
	"fastly_http_req.header_values_set":              "(i32,i32,i32,i32,i32)->i32",
	"fastly_http_req.header_insert":                  "(i32,i32,i32,i32,i32)->i32",
	"fastly_http_req.header_append":                  "(i32,i32,i32,i32,i32)->i32",
	"fastly_http_req.header_remove":                  "(i32,i32,i32)->i32",
	"fastly_http_req.close":                          "(i32)->i32",
	"fastly_http_req.upgrade_websocket":              "(i32,i32)->i32",
	"fastly_http_req.redirect_to_websocket_proxy_v2": "(i32,i32,i32)->i32",

	"fastly_http_downstream.downstream_client_ip_addr": "(i32,i32,i32)->i32",
	"fastly_http_downstream.downstream_server_ip_addr": "(i32,i32,i32)->i32",

	"fastly_http_resp.new":               "(i32)->i32",
	"fastly_http_resp.status_get":        "(i32,i32)->i32",
	"fastly_http_resp.status_set":        "(i32,i32)->i32",
	"fastly_http_resp.header_names_get":  "(i32,i32,i32,i32,i32,i32)->i32",
	"fastly_http_resp.header_value_get":  "(i32,i32,i32,i32,i32,i32)->i32",
	"fastly_http_resp.header_values_get": "(i32,i32,i32,i32,i32,i32,i32,i32)->i32",
	"fastly_http_resp.header_values_set": "(i32,i32,i32,i32,i32)->i32",
	"fastly_http_resp.header_insert":     "(i32,i32,i32,i32,i32)->i32",
	"fastly_http_resp.header_append":     "(i32,i32,i32,i32,i32)->i32",
	"fastly_http_resp.header_remove":     "(i32,i32,i32)->i32",
	"fastly_http_resp.version_get":       "(i32,i32)->i32",
	"fastly_http_resp.version_set":       "(i32,i32)->i32",
	"fastly_http_resp.send_downstream":   "(i32,i32,i32)->i32",
	"fastly_http_resp.close":             "(i32)->i32",

	"fastly_http_body.new":          "(i32)->i32",
	"fastly_http_body.read":         "(i32,i32,i32,i32)->i32",
	"fastly_http_body.write":        "(i32,i32,i32,i32,i32)->i32",
	"fastly_http_body.append":       "(i32,i32)->i32",
	"fastly_http_body.close":        "(i32)->i32",
	"fastly_http_body.known_length": "(i32,i32)->i32",

	"fastly_log.endpoint_get": "(i32,i32,i32)->i32",
	"fastly_log.write":        "(i32,i32,i32,i32)->i32",

	"fastly_http_req.send_v2":                  "(i32,i32,i32,i32,i32,i32,i32)->i32",
	"fastly_http_req.send_async":               "(i32,i32,i32,i32,i32)->i32",
	"fastly_http_req.send_async_streaming":     "(i32,i32,i32,i32,i32)->i32",
	"fastly_http_req.pending_req_wait_v2":      "(i32,i32,i32,i32)->i32",
	"fastly_http_req.pending_req_select_v2":    "(i32,i32,i32,i32,i32,i32)->i32",
	"fastly_http_req.register_dynamic_backend": "(i32,i32,i32,i32,i32,i32)->i32",

	"fastly_backend.exists":   "(i32,i32,i32)->i32",
	"fastly_backend.get_host": "(i32,i32,i32,i32,i32)->i32",
	"fastly_backend.get_port": "(i32,i32,i32)->i32",

	"fastly_async_io.select": "(i32,i32,i32,i32)->i32",

	"fastly_config_store.open": "(i32,i32,i32)->i32",
	"fastly_config_store.get":  "(i32,i32,i32,i32,i32,i32)->i32",
	"fastly_dictionary.open":   "(i32,i32,i32)->i32",
	"fastly_dictionary.get":    "(i32,i32,i32,i32,i32,i32)->i32",

	"fastly_secret_store.open":      "(i32,i32,i32)->i32",
	"fastly_secret_store.get":       "(i32,i32,i32,i32)->i32",
	"fastly_secret_store.plaintext": "(i32,i32,i32,i32)->i32",

	"fastly_kv_store.open":                            "(i32,i32,i32)->i32",
	"fastly_kv_store.lookup":                          "(i32,i32,i32,i32,i32,i32)->i32",
	"fastly_kv_store.lookup_wait_v2":                  "(i32,i32,i32,i32,i32,i32,i32)->i32",
	"fastly_kv_store.insert":                          "(i32,i32,i32,i32,i32,i32,i32)->i32",
	"fastly_kv_store.insert_wait":                     "(i32,i32)->i32",
	"fastly_kv_store.delete":                          "(i32,i32,i32,i32,i32,i32)->i32",
	"fastly_kv_store.delete_wait":                     "(i32,i32)->i32",
	"fastly_kv_store.list":                            "(i32,i32,i32,i32)->i32",
	"fastly_kv_store.list_wait":                       "(i32,i32,i32)->i32",
	"fastly_acl.open":                                 "(i32,i32,i32)->i32",
	"fastly_acl.lookup":                               "(i32,i32,i32,i32,i32)->i32",
	"fastly_erl.check_rate":                           "(i32,i32,i32,i32,i32,i32,i32,i32,i32,i32,i32)->i32",
	"fastly_erl.ratecounter_increment":                "(i32,i32,i32,i32,i32)->i32",
	"fastly_erl.ratecounter_lookup_count":             "(i32,i32,i32,i32,i32,i32)->i32",
	"fastly_erl.penaltybox_add":                       "(i32,i32,i32,i32,i32)->i32",
	"fastly_erl.penaltybox_has":                       "(i32,i32,i32,i32,i32)->i32",
	"fastly_cache.lookup":                             "(i32,i32,i32,i32,i32)->i32",
	"fastly_cache.insert":                             "(i32,i32,i32,i32,i32)->i32",
	"fastly_cache.transaction_lookup":                 "(i32,i32,i32,i32,i32)->i32",
	"fastly_cache.transaction_insert":                 "(i32,i32,i32,i32)->i32",
	"fastly_cache.close":                              "(i32)->i32",
	"fastly_cache.get_state":                          "(i32,i32)->i32",
	"fastly_cache.get_user_metadata":                  "(i32,i32,i32,i32)->i32",
	"fastly_cache.get_body":                           "(i32,i32,i32,i32)->i32",
	"fastly_cache.get_hits":                           "(i32,i32)->i32",
	"fastly_http_cache.transaction_lookup":            "(i32,i32,i32,i32)->i32",
	"fastly_http_cache.transaction_insert":            "(i32,i32,i32,i32,i32)->i32",
	"fastly_http_cache.get_suggested_backend_request": "(i32,i32)->i32",
	"fastly_http_cache.get_found_response":            "(i32,i32,i32,i32)->i32",
	"fastly_http_cache.get_state":                     "(i32,i32)->i32",
	"fastly_http_cache.get_hits":                      "(i32,i32)->i32",
	"fastly_http_cache.transaction_abandon":           "(i32)->i32",
	"fastly_purge.purge_surrogate_key":                "(i32,i32,i32,i32)->i32",
	"fastly_http_req.cache_override_v2_set":           "(i32,i32,i32,i32,i32,i32)->i32",
	"fastly_geo.lookup":                               "(i32,i32,i32,i32,i32)->i32",

	"ledge_crypto.digest":            "(i32,i32,i32,i32,i32,i32)->i32",
	"ledge_crypto.hmac_sign":         "(i32,i32,i32,i32,i32,i32,i32,i32)->i32",
	"ledge_crypto.hmac_verify":       "(i32,i32,i32,i32,i32,i32,i32,i32)->i32",
	"ledge_crypto.public_key_import": "(i32,i32,i32,i32)->i32",
	"ledge_crypto.public_key_close":  "(i32)->i32",
	"ledge_crypto.signature_verify":  "(i32,i32,i32,i32,i32,i32,i32)->i32",
	"ledge_crypto.random_bytes":      "(i32,i32)->i32",
	"ledge_crypto.jwt_verify":        "(i32,i32,i32,i32,i32,i32,i32,i32,i32,i32,i32,i32)->i32",
}

type rawDecl struct {
	importName string // "module.name"; empty for stubs
	params     []string
	result     string
}

// parseRawFiles merges parseRaw over every file matching pattern (e.g. "raw*_wasip1.go").
func parseRawFiles(t *testing.T, pattern string) map[string]rawDecl {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no files match %s: %v", pattern, err)
	}
	out := map[string]rawDecl{}
	for _, f := range files {
		for name, d := range parseRaw(t, f) {
			if _, dup := out[name]; dup {
				t.Errorf("%s declared twice (again in %s)", name, f)
			}
			out[name] = d
		}
	}
	return out
}

func parseRaw(t *testing.T, file string) map[string]rawDecl {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), file, src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]rawDecl{}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		var rd rawDecl
		if fd.Doc != nil {
			for _, c := range fd.Doc.List {
				if rest, ok := strings.CutPrefix(c.Text, "//go:wasmimport "); ok {
					mod, name, _ := strings.Cut(rest, " ")
					rd.importName = mod + "." + name
				}
			}
		}
		for _, p := range fd.Type.Params.List {
			typ := string(src[p.Type.Pos()-1 : p.Type.End()-1])
			n := len(p.Names)
			if n == 0 {
				n = 1
			}
			for i := 0; i < n; i++ {
				rd.params = append(rd.params, typ)
			}
		}
		if fd.Type.Results != nil {
			r := fd.Type.Results.List[0].Type
			rd.result = string(src[r.Pos()-1 : r.End()-1])
		}
		out[fd.Name.Name] = rd
	}
	return out
}

func coreType(t *testing.T, goType string) string {
	switch goType {
	case "uint32", "int32", "unsafe.Pointer", "Status":
		return "i32"
	case "uint64", "int64":
		return "i64"
	}
	t.Fatalf("type %s has no core lowering", goType)
	return ""
}

func TestImportsMatchWitx(t *testing.T) {
	imports := parseRawFiles(t, "raw*_wasip1.go")
	seen := map[string]bool{}
	for goName, d := range imports {
		if d.importName == "" {
			t.Errorf("%s has no //go:wasmimport line", goName)
			continue
		}
		if seen[d.importName] {
			t.Errorf("%s imported twice", d.importName)
		}
		seen[d.importName] = true
		var ps []string
		for _, p := range d.params {
			ps = append(ps, coreType(t, p))
		}
		got := "(" + strings.Join(ps, ",") + ")->" + coreType(t, d.result)
		want, ok := expectedCore[d.importName]
		if !ok {
			t.Errorf("%s (%s) is not in the expected table", d.importName, goName)
		} else if got != want {
			t.Errorf("%s (%s): core signature %s, witx says %s", d.importName, goName, got, want)
		}
	}
	for name := range expectedCore {
		if !seen[name] {
			t.Errorf("%s is expected but not declared", name)
		}
	}
}

func TestStubsMatchImports(t *testing.T) {
	imports := parseRawFiles(t, "raw*_wasip1.go")
	stubs := parseRawFiles(t, "raw*_stub.go")
	for name, d := range imports {
		s, ok := stubs[name]
		if !ok {
			t.Errorf("no stub for %s", name)
			continue
		}
		if strings.Join(s.params, ",") != strings.Join(d.params, ",") || s.result != d.result {
			t.Errorf("stub %s(%v) %s differs from import (%v) %s", name, s.params, s.result, d.params, d.result)
		}
	}
	for name := range stubs {
		if _, ok := imports[name]; !ok {
			t.Errorf("stub %s has no import", name)
		}
	}
}
