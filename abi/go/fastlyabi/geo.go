package fastlyabi

import (
	"net/netip"
	"runtime"
	"unsafe"
)

// geoInitialBuf is the first buffer size GeoLookupJSON tries; a city record is a few hundred bytes.
const geoInitialBuf = 512

// GeoLookupJSON returns the host's geolocation record for addr (fastly_geo.lookup): one JSON
// object with Fastly's fields (country_code, city, as_number, ...). ok is false when the host
// knows nothing about the address.
func GeoLookupJSON(addr netip.Addr) (record []byte, ok bool, err error) {
	if initErr != nil {
		return nil, false, initErr
	}
	var octets []byte
	if addr.Is4() {
		a := addr.As4()
		octets = a[:]
	} else if addr.IsValid() {
		a := addr.As16()
		octets = a[:]
	} else {
		return nil, false, StatusInval
	}
	v, st := readSingleValue(geoInitialBuf, func(buf unsafe.Pointer, bufLen uint32, nwOut unsafe.Pointer) Status {
		return GeoLookup(unsafe.Pointer(&octets[0]), uint32(len(octets)), buf, bufLen, nwOut)
	})
	runtime.KeepAlive(octets)
	if st != StatusOK {
		return nil, false, st
	}
	if v == "" {
		return nil, false, nil
	}
	return []byte(v), true, nil
}
