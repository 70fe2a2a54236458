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
			gc := tuneGC(buildKeeps)
			duringPercent, duringLimit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
			debug.SetGCPercent(duringPercent)
			gc.size(200_000)
			sized := debug.SetMemoryLimit(-1)
			gc.stop()
			if want := int64(sizedLimit(200_000, buildKeeps)); tt.tuned && sized != want {
				t.Errorf("sized for 200,000 pages: limit %d, want %d", sized, want)
			}
			if !tt.tuned && sized != limit {
				t.Errorf("%s is set, but sizing the run changed the limit %d → %d", tt.env, limit, sized)
			}
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

// TestTunerLimit checks the limit as a run is sized and its live heap
// grows and shrinks: the floor for a small site, what a large one will
// keep plus headroom from its start, the live heap plus headroom when it
// outgrows that, and never lower than it was.
func TestTunerLimit(t *testing.T) {
	const mib = 1 << 20
	for _, tt := range []struct {
		name  string
		pages int // -1: never sized
		lives []uint64
		want  []uint64 // the limit after each live heap
	}{
		{"small site", 1_000, []uint64{5 * mib, 20 * mib}, []uint64{minHeapLimit, minHeapLimit}},
		{"10,000 pages", 10_000, []uint64{40 * mib}, []uint64{minHeapLimit}},
		{"never sized", -1, []uint64{0, minHeapLimit - headroom, 100 * mib, 130 * mib, 60 * mib},
			[]uint64{minHeapLimit, minHeapLimit, 100*mib + headroom, 130*mib + headroom, 130*mib + headroom}},
		{"50,000 pages", 50_000, []uint64{20 * mib, 90 * mib, 60 * mib},
			[]uint64{50_000*buildKeeps + headroom, 50_000*buildKeeps + headroom, 50_000*buildKeeps + headroom}},
		{"keeps more than reckoned", 50_000, []uint64{150 * mib, 120 * mib},
			[]uint64{150*mib + headroom, 150*mib + headroom}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var set []int64
			tu := &tuner{keeps: buildKeeps, limit: minHeapLimit, set: func(l int64) int64 { set = append(set, l); return 0 }}
			if tt.pages >= 0 {
				tu.size(tt.pages)
			}
			for i, live := range tt.lives {
				tu.raise(live + headroom)
				if tu.limit != tt.want[i] {
					t.Errorf("live %d MiB: limit %d MiB, want %d MiB", live/mib, tu.limit/mib, tt.want[i]/mib)
				}
			}
			if len(set) > 0 && uint64(set[len(set)-1]) != tu.limit {
				t.Errorf("the runtime's limit was last set to %d, the tuner's is %d", set[len(set)-1], tu.limit)
			}
			for i := 1; i < len(set); i++ {
				if set[i] <= set[i-1] {
					t.Errorf("the limit was set to %d after %d: it only rises", set[i], set[i-1])
				}
			}
		})
	}
}
