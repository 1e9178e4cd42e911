package cli

import "testing"

// The units differ by OS (kilobytes on Linux, bytes on macOS and in
// Windows' counters); a wrong unit is off by 1024, which this range catches
// for a test process that holds the DuckDB library and a Go heap.
func TestPeakRSSIsInBytes(t *testing.T) {
	peak, ok := peakRSS()
	if !ok {
		t.Fatal("peak RSS not measured")
	}
	if peak < 4<<20 || peak > 4<<30 {
		t.Errorf("peak RSS %d bytes, want between 4 MiB and 4 GiB", peak)
	}
}
