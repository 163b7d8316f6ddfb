package fastlyabi

// ABIVersion is the ABI version the bindings announce through fastly_abi.init.
const ABIVersion uint64 = 1

// initErr is the outcome of fastly_abi.init, made at package initialisation so that it is
// the guest's first hostcall.
var initErr = ABIInit(ABIVersion).Err()

// InitError reports whether the host accepted fastly_abi.init(1); nil means it did.
func InitError() error { return initErr }
