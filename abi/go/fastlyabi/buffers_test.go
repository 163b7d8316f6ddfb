package fastlyabi

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// fakeMulti answers like a host implementing the cursor protocol of the ABI notes.
type fakeMulti struct {
	items []string
	calls int
}

func (f *fakeMulti) fetch(buf unsafe.Pointer, bufLen uint32, cursor uint32, endOut, nwOut unsafe.Pointer) Status {
	f.calls++
	dst := unsafe.Slice((*byte)(buf), bufLen)
	end := (*int64)(endOut)
	nw := (*uint32)(nwOut)
	if int(cursor) > len(f.items) {
		return StatusInval
	}
	written := 0
	i := int(cursor)
	for ; i < len(f.items); i++ {
		need := len(f.items[i]) + 1
		if written+need > len(dst) {
			if written == 0 {
				*nw = uint32(need)
				return StatusBuflen
			}
			break
		}
		copy(dst[written:], f.items[i])
		dst[written+need-1] = 0
		written += need
	}
	*nw = uint32(written)
	if i == len(f.items) {
		*end = -1
	} else {
		*end = int64(i)
	}
	return StatusOK
}

func TestReadMultiValue(t *testing.T) {
	long := strings.Repeat("x", 1000)
	cases := [][]string{
		nil,
		{"a"},
		{""},
		{"", "", "b", ""},
		{"content-type", "x-a-rather-long-header-name-that-exceeds-the-buffer", "host"},
		{long, "short", long + "y"},
	}
	var many []string
	for i := 0; i < 300; i++ {
		many = append(many, fmt.Sprintf("h%d", i))
	}
	cases = append(cases, many)
	for _, items := range cases {
		f := &fakeMulti{items: items}
		got, err := readMultiValue(f.fetch)
		if err != nil {
			t.Fatalf("%q: %v", items, err)
		}
		if len(items) == 0 && len(got) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, items) {
			t.Fatalf("got %q, want %q", got, items)
		}
	}
}

func TestReadMultiValueErrors(t *testing.T) {
	_, err := readMultiValue(func(buf unsafe.Pointer, bufLen, cursor uint32, endOut, nwOut unsafe.Pointer) Status {
		return StatusBadf
	})
	if err != StatusBadf {
		t.Fatalf("err = %v", err)
	}
	// A host that never makes progress must not loop forever.
	_, err = readMultiValue(func(buf unsafe.Pointer, bufLen, cursor uint32, endOut, nwOut unsafe.Pointer) Status {
		*(*int64)(endOut) = 0
		*(*uint32)(nwOut) = 0
		return StatusOK
	})
	if err == nil {
		t.Fatal("no error from a host that never progresses")
	}
	// A host reporting more bytes than the buffer holds is an error.
	_, err = readMultiValue(func(buf unsafe.Pointer, bufLen, cursor uint32, endOut, nwOut unsafe.Pointer) Status {
		*(*int64)(endOut) = -1
		*(*uint32)(nwOut) = bufLen + 1
		return StatusOK
	})
	if err != StatusError {
		t.Fatalf("err = %v", err)
	}
}

func TestReadSingleValue(t *testing.T) {
	for _, want := range []string{"", "GET", strings.Repeat("u", 5000)} {
		calls := 0
		got, st := readSingleValue(16, func(buf unsafe.Pointer, bufLen uint32, nwOut unsafe.Pointer) Status {
			calls++
			if int(bufLen) < len(want) {
				*(*uint32)(nwOut) = uint32(len(want))
				return StatusBuflen
			}
			copy(unsafe.Slice((*byte)(buf), bufLen), want)
			*(*uint32)(nwOut) = uint32(len(want))
			return StatusOK
		})
		if st != StatusOK || got != want {
			t.Fatalf("got %q %v", got, st)
		}
		if len(want) > 16 && calls != 2 {
			t.Fatalf("%d calls for a %d-byte value", calls, len(want))
		}
	}
	_, st := readSingleValue(16, func(buf unsafe.Pointer, bufLen uint32, nwOut unsafe.Pointer) Status {
		return StatusNone
	})
	if st != StatusNone {
		t.Fatalf("st = %v", st)
	}
}

func TestJoinSplitNUL(t *testing.T) {
	vals := []string{"a", "", "b c"}
	b := joinNUL(vals)
	if string(b) != "a\x00\x00b c\x00" {
		t.Fatalf("joinNUL = %q", b)
	}
	if got := splitNUL(nil, b); !reflect.DeepEqual(got, vals) {
		t.Fatalf("splitNUL = %q", got)
	}
	if got := splitNUL(nil, []byte("a\x00tail")); !reflect.DeepEqual(got, []string{"a", "tail"}) {
		t.Fatalf("splitNUL tail = %q", got)
	}
}

func TestStatus(t *testing.T) {
	if StatusOK.Err() != nil {
		t.Fatal("StatusOK.Err() != nil")
	}
	if StatusAgain != 14 || StatusNone != 10 || StatusBuflen != 4 {
		t.Fatal("status numbering")
	}
	if got := StatusBadf.Error(); !strings.Contains(got, "badf") || !strings.Contains(got, "3") {
		t.Fatalf("Error() = %q", got)
	}
	if got := Status(99).String(); got != "status(99)" {
		t.Fatalf("String() = %q", got)
	}
}
