package fastlyabi

import (
	"runtime"
	"unsafe"
)

// The raw header hostcalls of fastly_http_req and fastly_http_resp have identical shapes;
// these helpers take the module's raw function so Request and Response share the logic
// while a program still links only the imports it actually uses.

type (
	rawNamesGet  func(h uint32, buf unsafe.Pointer, bufLen uint32, cursor uint32, endOut unsafe.Pointer, nwOut unsafe.Pointer) Status
	rawValueGet  func(h uint32, name unsafe.Pointer, nameLen uint32, buf unsafe.Pointer, bufLen uint32, nwOut unsafe.Pointer) Status
	rawValuesGet func(h uint32, name unsafe.Pointer, nameLen uint32, buf unsafe.Pointer, bufLen uint32, cursor uint32, endOut unsafe.Pointer, nwOut unsafe.Pointer) Status
	rawNameValue func(h uint32, name unsafe.Pointer, nameLen uint32, value unsafe.Pointer, valueLen uint32) Status
	rawName      func(h uint32, name unsafe.Pointer, nameLen uint32) Status
)

func headerNames(h uint32, raw rawNamesGet) ([]string, error) {
	return readMultiValue(func(buf unsafe.Pointer, bufLen, cursor uint32, endOut, nwOut unsafe.Pointer) Status {
		return raw(h, buf, bufLen, cursor, endOut, nwOut)
	})
}

func headerValue(h uint32, name string, raw rawValueGet) (string, bool, error) {
	return getByName(h, name, headerValueInitial, raw)
}

func headerValues(h uint32, name string, raw rawValuesGet) ([]string, error) {
	np, nl := strArg(name)
	vs, err := readMultiValue(func(buf unsafe.Pointer, bufLen, cursor uint32, endOut, nwOut unsafe.Pointer) Status {
		return raw(h, np, nl, buf, bufLen, cursor, endOut, nwOut)
	})
	runtime.KeepAlive(np)
	return vs, err
}

func headerNameValue(h uint32, name, value string, raw rawNameValue) error {
	np, nl := strArg(name)
	vp, vl := strArg(value)
	err := raw(h, np, nl, vp, vl).Err()
	runtime.KeepAlive(np)
	runtime.KeepAlive(vp)
	return err
}

func headerValuesSet(h uint32, name string, values []string, raw rawNameValue) error {
	np, nl := strArg(name)
	vp, vl := bytesArg(joinNUL(values))
	err := raw(h, np, nl, vp, vl).Err()
	runtime.KeepAlive(np)
	runtime.KeepAlive(vp)
	return err
}

func headerRemove(h uint32, name string, raw rawName) error {
	np, nl := strArg(name)
	err := raw(h, np, nl).Err()
	runtime.KeepAlive(np)
	return err
}
