package fastlyabi

import (
	"io"
	"net/netip"
	"runtime"
	"unsafe"
)

// ACL is a handle to an open access control list (fastly_acl).
type ACL struct{ handle uint32 }

// Handle returns the raw ACL handle.
func (a ACL) Handle() uint32 { return a.handle }

// aclNoContent is the acl_error value for "nothing matched".
const aclNoContent = 2

// OpenACL opens the named ACL; ok is false when there is no such ACL.
func OpenACL(name string) (acl ACL, ok bool, err error) {
	h, st := openByName(name, ACLOpen)
	switch st {
	case StatusOK:
		return ACL{h}, true, nil
	case StatusNone:
		return ACL{InvalidHandle}, false, nil
	}
	return ACL{InvalidHandle}, false, initErrOr(st)
}

// Lookup finds the longest prefix matching ip and answers the host's JSON for it
// ({"action": ..., "prefix": ...}); found is false when no entry matches.
func (a ACL) Lookup(ip netip.Addr) (json []byte, found bool, err error) {
	octets := ip.AsSlice()
	if ip.Is4In6() {
		octets = ip.Unmap().AsSlice()
	}
	p, n := bytesArg(octets)
	body := InvalidHandle
	var aclErr uint32
	st := ACLLookup(a.handle, p, n, unsafe.Pointer(&body), unsafe.Pointer(&aclErr))
	runtime.KeepAlive(octets)
	if st != StatusOK {
		return nil, false, st
	}
	if aclErr == aclNoContent || body == InvalidHandle {
		return nil, false, nil
	}
	out, err := io.ReadAll(Body{body})
	return out, err == nil, err
}

// RateCounter is a named edge rate counter (fastly_erl).
type RateCounter struct{ Name string }

// PenaltyBox is a named penalty box (fastly_erl).
type PenaltyBox struct{ Name string }

// Increment adds delta to entry's count.
func (rc RateCounter) Increment(entry string, delta uint32) error {
	np, nl := strArg(rc.Name)
	ep, el := strArg(entry)
	st := ERLRateCounterIncrement(np, nl, ep, el, delta)
	runtime.KeepAlive(np)
	runtime.KeepAlive(ep)
	return st.Err()
}

// LookupCount gives entry's count over the last duration seconds (10, 20, ... 60).
func (rc RateCounter) LookupCount(entry string, duration uint32) (uint32, error) {
	np, nl := strArg(rc.Name)
	ep, el := strArg(entry)
	var n uint32
	st := ERLRateCounterLookupCount(np, nl, ep, el, duration, unsafe.Pointer(&n))
	runtime.KeepAlive(np)
	runtime.KeepAlive(ep)
	return n, st.Err()
}

// CheckRate counts delta for entry and, when its rate over window seconds exceeds limit, puts
// it in pb for ttlSec seconds; it reports whether the entry is now blocked.
func (rc RateCounter) CheckRate(entry string, delta, window, limit uint32, pb PenaltyBox, ttlSec uint32) (bool, error) {
	np, nl := strArg(rc.Name)
	ep, el := strArg(entry)
	pp, pl := strArg(pb.Name)
	var blocked uint32
	st := ERLCheckRate(np, nl, ep, el, delta, window, limit, pp, pl, ttlSec, unsafe.Pointer(&blocked))
	runtime.KeepAlive(np)
	runtime.KeepAlive(ep)
	runtime.KeepAlive(pp)
	return blocked == 1, st.Err()
}

// Add puts entry in the penalty box for ttlSec seconds (60..3659).
func (pb PenaltyBox) Add(entry string, ttlSec uint32) error {
	np, nl := strArg(pb.Name)
	ep, el := strArg(entry)
	st := ERLPenaltyBoxAdd(np, nl, ep, el, ttlSec)
	runtime.KeepAlive(np)
	runtime.KeepAlive(ep)
	return st.Err()
}

// Has reports whether the penalty box holds entry.
func (pb PenaltyBox) Has(entry string) (bool, error) {
	np, nl := strArg(pb.Name)
	ep, el := strArg(entry)
	var has uint32
	st := ERLPenaltyBoxHas(np, nl, ep, el, unsafe.Pointer(&has))
	runtime.KeepAlive(np)
	runtime.KeepAlive(ep)
	return has == 1, st.Err()
}
