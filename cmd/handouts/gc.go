package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Tuning the garbage collector for a one-off build. A build allocates
// about 110 kB a page and keeps about 3 kB a page (what the lists, the link
// check and the report need), so with Go's default (GOGC=100) it collects
// every few megabytes early on: 94 collections and a fifth of the CPU time
// for 10,000 pages. Here the heap may grow to 5 times what is live, but not
// past a limit of minHeapLimit or twice the live heap, whichever is more: a
// small site takes at most minHeapLimit, and a large one collects no more
// often than by default, since the limit grows with the live heap instead
// of making the collector run without end once the live heap nears it.
const (
	gcPercent    = 400
	minHeapLimit = 112 << 20
	tunePeriod   = 20 * time.Millisecond
)

// tuneGC applies the tuning until the returned stop is called, unless the
// user set GOGC or GOMEMLIMIT, which then apply as they are.
func tuneGC() (stop func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	oldPercent := debug.SetGCPercent(gcPercent)
	oldLimit := debug.SetMemoryLimit(minHeapLimit)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		limit := uint64(minHeapLimit)
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(tunePeriod)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(live)
			if l := live[0].Value.Uint64(); 2*l > limit {
				limit = 2 * l
				debug.SetMemoryLimit(int64(limit))
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}
