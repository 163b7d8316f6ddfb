//go:build wasip1

package fastlyabi

import "unsafe"

// Raw hostcall for geolocation, declared as in raw_wasip1.go.
// raw_geo_stub.go must declare the same function (TestStubsMatchImports checks it).

// GeoLookup writes what the host knows about an address (4 or 16 octets) as one JSON object;
// an address nothing is known about gets StatusOK with nwritten 0.
//
//go:wasmimport fastly_geo lookup
//go:noescape
func GeoLookup(addrOctets unsafe.Pointer, addrLen uint32, buf unsafe.Pointer, bufLen uint32, nwrittenOut unsafe.Pointer) Status
