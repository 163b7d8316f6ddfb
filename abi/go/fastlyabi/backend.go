package fastlyabi

import (
	"runtime"
	"unsafe"
)

// backendHostInitialBuf is the first buffer size Backend.Host tries.
const backendHostInitialBuf = 64

// Backend names a backend (from fastly.toml or registered at run time) to ask the host about.
type Backend struct{ name string }

// BackendNamed refers to the backend called name (whether it exists is not checked).
func BackendNamed(name string) Backend { return Backend{name} }

// Name returns the backend's name.
func (b Backend) Name() string { return b.name }

// Exists reports whether a backend of this name exists (fastly_backend.exists).
func (b Backend) Exists() (bool, error) {
	np, nl := strArg(b.name)
	var out uint32
	st := BackendExists(np, nl, unsafe.Pointer(&out))
	runtime.KeepAlive(np)
	if st != StatusOK {
		return false, st
	}
	return out != 0, nil
}

// Host returns the host the backend points at (fastly_backend.get_host).
func (b Backend) Host() (string, error) {
	np, nl := strArg(b.name)
	s, st := readSingleValue(backendHostInitialBuf, func(buf unsafe.Pointer, bufLen uint32, nwOut unsafe.Pointer) Status {
		return BackendGetHost(np, nl, buf, bufLen, nwOut)
	})
	runtime.KeepAlive(np)
	return s, st.Err()
}

// Port returns the TCP port the backend is reached on (fastly_backend.get_port).
func (b Backend) Port() (int, error) {
	np, nl := strArg(b.name)
	// port is a u16; a zeroed u32 reads the same whether the host writes 2 or 4 bytes.
	var port uint32
	st := BackendGetPort(np, nl, unsafe.Pointer(&port))
	runtime.KeepAlive(np)
	if st != StatusOK {
		return 0, st
	}
	return int(uint16(port)), nil
}

// DynamicBackendOptions are the settings of a backend registered at run time; zero values
// leave the host's defaults.
type DynamicBackendOptions struct {
	// HostOverride is sent as the Host header instead of the request's own.
	HostOverride string
	// UseSSL connects over TLS.
	UseSSL bool
	// SNIHostname is sent as the TLS server name.
	SNIHostname string
	// CACertificate (PEM) is trusted for the backend's certificate instead of the defaults.
	CACertificate string
	// ClientCertificate (PEM, chain allowed, the client's own first) is presented when the
	// backend asks for one (mutual TLS), with the PEM private key held by ClientKey. The host
	// checks both at registration: StatusInval for bad PEM or a key of another certificate,
	// StatusBadf when ClientKey is not an open secret.
	ClientCertificate string
	// ClientKey is the secret holding ClientCertificate's private key.
	ClientKey Secret
	// ConnectTimeoutMs bounds connecting, in milliseconds.
	ConnectTimeoutMs uint32
	// FirstByteTimeoutMs bounds the wait for the first response byte, in milliseconds.
	FirstByteTimeoutMs uint32
	// BetweenBytesTimeoutMs bounds pauses within the response, in milliseconds.
	BetweenBytesTimeoutMs uint32
}

// backend_config_options bits (abi/spec/types.abi) that DynamicBackendOptions sets.
const (
	optHostOverride        uint32 = 2
	optConnectTimeout      uint32 = 4
	optFirstByteTimeout    uint32 = 8
	optBetweenBytesTimeout uint32 = 16
	optUseSSL              uint32 = 32
	optCACert              uint32 = 512
	optSNIHostname         uint32 = 2048
	optClientCert          uint32 = 8192
)

// DynamicBackendConfig is the dynamic_backend_config record (108 bytes). Pointer fields are
// 32-bit linear-memory addresses, since Go's own pointers are 64 bits wide on GOARCH=wasm.
type DynamicBackendConfig struct {
	HostOverride             uint32
	HostOverrideLen          uint32
	ConnectTimeoutMs         uint32
	FirstByteTimeoutMs       uint32
	BetweenBytesTimeoutMs    uint32
	SSLMinVersion            uint32
	SSLMaxVersion            uint32
	CertHostname             uint32
	CertHostnameLen          uint32
	CACert                   uint32
	CACertLen                uint32
	Ciphers                  uint32
	CiphersLen               uint32
	SNIHostname              uint32
	SNIHostnameLen           uint32
	ClientCertificate        uint32
	ClientCertificateLen     uint32
	ClientKey                uint32
	HTTPKeepaliveTimeMs      uint32
	TCPKeepaliveEnable       uint32
	TCPKeepaliveIntervalSecs uint32
	TCPKeepaliveProbes       uint32
	TCPKeepaliveTimeSecs     uint32
	MaxConnections           uint32
	MaxUse                   uint32
	MaxLifetimeMs            uint32
	Healthcheck              uint32
}

// addr32 is the linear-memory address of s's bytes (0 for "").
func addr32(s string) uint32 {
	if s == "" {
		return 0
	}
	return uint32(uintptr(unsafe.Pointer(unsafe.StringData(s))))
}

// RegisterDynamicBackend defines a backend called name for target ("host" or "host:port")
// at run time (register_dynamic_backend); StatusInval if the name is taken.
func RegisterDynamicBackend(name, target string, opts DynamicBackendOptions) (Backend, error) {
	if initErr != nil {
		return Backend{}, initErr
	}
	var mask uint32
	cfg := DynamicBackendConfig{ClientKey: InvalidHandle}
	if opts.HostOverride != "" {
		mask |= optHostOverride
		cfg.HostOverride, cfg.HostOverrideLen = addr32(opts.HostOverride), uint32(len(opts.HostOverride))
	}
	if opts.UseSSL {
		mask |= optUseSSL
	}
	if opts.SNIHostname != "" {
		mask |= optSNIHostname
		cfg.SNIHostname, cfg.SNIHostnameLen = addr32(opts.SNIHostname), uint32(len(opts.SNIHostname))
	}
	if opts.CACertificate != "" {
		mask |= optCACert
		cfg.CACert, cfg.CACertLen = addr32(opts.CACertificate), uint32(len(opts.CACertificate))
	}
	if opts.ClientCertificate != "" {
		mask |= optClientCert
		cfg.ClientCertificate, cfg.ClientCertificateLen = addr32(opts.ClientCertificate), uint32(len(opts.ClientCertificate))
		cfg.ClientKey = opts.ClientKey.handle
	}
	if opts.ConnectTimeoutMs != 0 {
		mask |= optConnectTimeout
		cfg.ConnectTimeoutMs = opts.ConnectTimeoutMs
	}
	if opts.FirstByteTimeoutMs != 0 {
		mask |= optFirstByteTimeout
		cfg.FirstByteTimeoutMs = opts.FirstByteTimeoutMs
	}
	if opts.BetweenBytesTimeoutMs != 0 {
		mask |= optBetweenBytesTimeout
		cfg.BetweenBytesTimeoutMs = opts.BetweenBytesTimeoutMs
	}
	np, nl := strArg(name)
	tp, tl := strArg(target)
	st := HTTPReqRegisterDynamicBackend(np, nl, tp, tl, mask, unsafe.Pointer(&cfg))
	runtime.KeepAlive(np)
	runtime.KeepAlive(tp)
	runtime.KeepAlive(opts.HostOverride)
	runtime.KeepAlive(opts.SNIHostname)
	runtime.KeepAlive(opts.CACertificate)
	runtime.KeepAlive(opts.ClientCertificate)
	if st != StatusOK {
		return Backend{}, st
	}
	return Backend{name}, nil
}
