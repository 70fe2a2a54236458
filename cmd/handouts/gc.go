package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Tuning the garbage collector for a one-off build. A build allocates
// about 110 kB a page and keeps under 2 kB a page (what the lists, the
// link check and the report need), so with Go's default (GOGC=100) it
// collects every few megabytes early on: 94 collections and a fifth of the
// CPU time for 10,000 pages. Here the heap may grow to 5 times what is
// live, but the program's memory stays under a limit of minHeapLimit or
// the live heap plus headroom, whichever is more: a small site takes at
// most minHeapLimit, and a large one collects once every headroom of
// allocation, the limit growing with the live heap instead of making the
// collector run without end once the live heap nears it. Each collection
// marks the live heap, under 130 MB at 50,000 pages, so collecting every
// 64 MiB costs a build there about a seventh of its CPU time (as twice the
// live heap did) and keeps its peak under 200 MiB.
const (
	gcPercent    = 400
	minHeapLimit = 112 << 20
	headroom     = 64 << 20
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
			if l := limitFor(limit, live[0].Value.Uint64()); l != limit {
				limit = l
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

// limitFor is the memory limit once the live heap is live bytes, after a
// limit of last: the live heap plus headroom, never lower than before.
func limitFor(last, live uint64) uint64 {
	return max(last, live+headroom)
}
