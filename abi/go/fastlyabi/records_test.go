package fastlyabi

import (
	"testing"
	"unsafe"
)

// The records the host reads and writes must have the sizes and field offsets that
// abi/spec/types.abi documents (every field is 32 bits or narrower, so the layout is the
// same on GOARCH=wasm and on the machine running the test).
func TestRecordLayouts(t *testing.T) {
	var d SendErrorDetail
	check := func(what string, got, want uintptr) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %d, types.abi says %d", what, got, want)
		}
	}
	check("sizeof send_error_detail", unsafe.Sizeof(d), 20)
	check("send_error_detail.mask", unsafe.Offsetof(d.Mask), 4)
	check("send_error_detail.dns_error_rcode", unsafe.Offsetof(d.DNSErrorRcode), 8)
	check("send_error_detail.dns_error_info_code", unsafe.Offsetof(d.DNSErrorInfoCode), 10)
	check("send_error_detail.tls_alert_id", unsafe.Offsetof(d.TLSAlertID), 12)
	check("send_error_detail.h2_error_frame", unsafe.Offsetof(d.H2ErrorFrame), 13)
	check("send_error_detail.h2_error_code", unsafe.Offsetof(d.H2ErrorCode), 16)

	var c DynamicBackendConfig
	check("sizeof dynamic_backend_config", unsafe.Sizeof(c), 108)
	check("dynamic_backend_config.connect_timeout_ms", unsafe.Offsetof(c.ConnectTimeoutMs), 8)
	check("dynamic_backend_config.ssl_min_version", unsafe.Offsetof(c.SSLMinVersion), 20)
	check("dynamic_backend_config.sni_hostname", unsafe.Offsetof(c.SNIHostname), 52)
	check("dynamic_backend_config.client_key", unsafe.Offsetof(c.ClientKey), 68)
	check("dynamic_backend_config.tcp_keepalive_time_secs", unsafe.Offsetof(c.TCPKeepaliveTimeSecs), 88)
	check("dynamic_backend_config.healthcheck", unsafe.Offsetof(c.Healthcheck), 104)

	var j JwtVerifyOptions
	check("sizeof jwt_verify_options", unsafe.Sizeof(j), 24)
	check("jwt_verify_options.issuer", unsafe.Offsetof(j.Issuer), 8)
	check("jwt_verify_options.audience_len", unsafe.Offsetof(j.AudienceLen), 20)
}

func TestSendErrorText(t *testing.T) {
	e := &SendError{Status: StatusError, Detail: SendErrorDetail{Tag: SendErrorConnectionRefused}}
	if e.Error() != "connection refused" {
		t.Errorf("got %q", e.Error())
	}
	if len(sendErrorTagNames) != 26 || SendErrorTag(25).String() != "h2 error" || SendErrorTag(26).String() != "unknown" {
		t.Errorf("send_error_detail_tag names do not match types.abi")
	}
	bare := &SendError{Status: StatusInval}
	if bare.Error() != StatusInval.Error() {
		t.Errorf("without a detail the status describes the error, got %q", bare.Error())
	}
}
