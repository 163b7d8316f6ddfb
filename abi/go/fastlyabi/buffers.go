package fastlyabi

import "unsafe"

// Buffer sizes for host getters. The multi-value one is deliberately tiny so that every
// guest exercises the host's buflen answer and the cursor protocol; buffers grow on demand.
const (
	multiValueInitialBuf = 16
	methodInitialBuf     = 16
	uriInitialBuf        = 256
	headerValueInitial   = 128
	// maxHostBuf bounds how far a getter grows its buffer before giving up.
	maxHostBuf = 64 << 20
)

// InvalidHandle is the value guest SDKs use for "no handle" (u32::MAX - 1).
const InvalidHandle uint32 = 0xFFFFFFFE

// strArg returns the (pointer, length) pair for a string argument; the pointer is nil for "".
func strArg(s string) (unsafe.Pointer, uint32) {
	return unsafe.Pointer(unsafe.StringData(s)), uint32(len(s))
}

// bytesArg returns the (pointer, length) pair for a byte-slice argument.
func bytesArg(b []byte) (unsafe.Pointer, uint32) {
	return unsafe.Pointer(unsafe.SliceData(b)), uint32(len(b))
}

// multiFetch is one call of a multi-value getter (header_names_get, header_values_get, ...)
// with everything but the buffer, cursor and out-pointers already bound.
type multiFetch func(buf unsafe.Pointer, bufLen uint32, cursor uint32, endingCursorOut unsafe.Pointer, nwrittenOut unsafe.Pointer) Status

// readMultiValue runs the cursor protocol: start at cursor 0, split each answer at its NUL
// terminators, continue from ending_cursor until it is -1, and grow the buffer when the host
// answers buflen (nwritten then holds the size the next item needs, NUL included).
func readMultiValue(fetch multiFetch) ([]string, error) {
	buf := make([]byte, multiValueInitialBuf)
	var items []string
	cursor := uint32(0)
	for {
		var endingCursor int64 = -1
		var nwritten uint32
		st := fetch(unsafe.Pointer(&buf[0]), uint32(len(buf)), cursor,
			unsafe.Pointer(&endingCursor), unsafe.Pointer(&nwritten))
		switch st {
		case StatusOK:
		case StatusNone:
			// Not what the notes prescribe for "no values", but harmless to accept.
			return items, nil
		case StatusBuflen:
			next := 2 * len(buf)
			if int(nwritten) > len(buf) {
				next = int(nwritten)
			}
			if next > maxHostBuf {
				return items, StatusBuflen
			}
			buf = make([]byte, next)
			continue
		default:
			return items, st
		}
		if int(nwritten) > len(buf) {
			return items, StatusError
		}
		before := len(items)
		items = splitNUL(items, buf[:nwritten])
		if endingCursor < 0 {
			return items, nil
		}
		if endingCursor > 0xFFFFFFFF {
			return items, StatusError
		}
		if len(items) == before && uint32(endingCursor) <= cursor {
			// No progress: treat it like buflen so a host that answers ok with nothing
			// written for a too-small buffer still terminates.
			if 2*len(buf) > maxHostBuf {
				return items, StatusBuflen
			}
			buf = make([]byte, 2*len(buf))
			continue
		}
		cursor = uint32(endingCursor)
	}
}

// splitNUL appends each NUL-terminated item of b to items; an unterminated tail counts as an item.
func splitNUL(items []string, b []byte) []string {
	start := 0
	for i, c := range b {
		if c == 0 {
			items = append(items, string(b[start:i]))
			start = i + 1
		}
	}
	if start < len(b) {
		items = append(items, string(b[start:]))
	}
	return items
}

// singleFetch is one call of a single-value getter (method_get, uri_get, header_value_get)
// with everything but the buffer and nwritten out-pointer already bound.
type singleFetch func(buf unsafe.Pointer, bufLen uint32, nwrittenOut unsafe.Pointer) Status

// readSingleValue calls fetch with a buffer of initial bytes, growing it on buflen to the
// length the host reports (or double, if the host reports nothing larger).
func readSingleValue(initial int, fetch singleFetch) (string, Status) {
	buf := make([]byte, initial)
	for {
		var nwritten uint32
		st := fetch(unsafe.Pointer(&buf[0]), uint32(len(buf)), unsafe.Pointer(&nwritten))
		switch st {
		case StatusOK:
			if int(nwritten) > len(buf) {
				return "", StatusError
			}
			return string(buf[:nwritten]), StatusOK
		case StatusBuflen:
			next := 2 * len(buf)
			if int(nwritten) > len(buf) {
				next = int(nwritten)
			}
			if next > maxHostBuf {
				return "", StatusBuflen
			}
			buf = make([]byte, next)
		default:
			return "", st
		}
	}
}

// joinNUL encodes values for header_values_set: each value followed by a NUL byte.
func joinNUL(values []string) []byte {
	n := 0
	for _, v := range values {
		n += len(v) + 1
	}
	b := make([]byte, 0, n)
	for _, v := range values {
		b = append(b, v...)
		b = append(b, 0)
	}
	return b
}
