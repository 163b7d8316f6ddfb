//go:build !wasip1

package fastlyabi

import "unsafe"

// Stub of the raw hostcall in raw_geo_wasip1.go for builds outside GOOS=wasip1; it returns
// StatusUnsupported.

// GeoLookup writes what the host knows about an address (4 or 16 octets) as one JSON object;
// an address nothing is known about gets StatusOK with nwritten 0.
func GeoLookup(addrOctets unsafe.Pointer, addrLen uint32, buf unsafe.Pointer, bufLen uint32, nwrittenOut unsafe.Pointer) Status {
	return StatusUnsupported
}
