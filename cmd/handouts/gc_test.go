package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestTuneGC checks that the tuning applies during a build and is undone
// after it, and that GOGC or GOMEMLIMIT set by the user wins.
func TestTuneGC(t *testing.T) {
	for _, tt := range []struct {
		name, env string
		tuned     bool
	}{
		{"default", "", true},
		{"GOGC set", "GOGC", false},
		{"GOMEMLIMIT set", "GOMEMLIMIT", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			if tt.env != "" {
				t.Setenv(tt.env, "100") // read by tuneGC only; the runtime read its own at start
			}
			percent, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
			debug.SetGCPercent(percent)
			stop := tuneGC()
			duringPercent, duringLimit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
			debug.SetGCPercent(duringPercent)
			stop()
			if tt.tuned && (duringPercent != gcPercent || duringLimit < minHeapLimit || duringLimit == math.MaxInt64) {
				t.Errorf("during the build: GC percent %d, limit %d; want %d and at least %d", duringPercent, duringLimit, gcPercent, minHeapLimit)
			}
			if !tt.tuned && (duringPercent != percent || duringLimit != limit) {
				t.Errorf("%s is set, but the tuning changed GC percent %d → %d, limit %d → %d", tt.env, percent, duringPercent, limit, duringLimit)
			}
			if p, l := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1); p != percent || l != limit {
				t.Errorf("after the build: GC percent %d, limit %d; want them back at %d and %d", p, l, percent, limit)
			}
			debug.SetGCPercent(percent)
		})
	}
}

// TestLimitFor checks the limit as the live heap grows and shrinks: the
// floor for a small site, the live heap plus headroom for a large one,
// and never lower than it was.
func TestLimitFor(t *testing.T) {
	const mib = 1 << 20
	limit := uint64(minHeapLimit)
	for _, tt := range []struct{ live, want uint64 }{
		{0, minHeapLimit},
		{40 * mib, minHeapLimit}, // a 10,000-page build's
		{minHeapLimit - headroom, minHeapLimit},
		{100 * mib, 100*mib + headroom},
		{130 * mib, 130*mib + headroom},
		{60 * mib, 130*mib + headroom}, // a collection freed much: the limit stays
	} {
		limit = limitFor(limit, tt.live)
		if limit != tt.want {
			t.Errorf("live %d MiB: limit %d MiB, want %d MiB", tt.live/mib, limit/mib, tt.want/mib)
		}
	}
}
