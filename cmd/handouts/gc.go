package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// Tuning the garbage collector for a one-off build. A build allocates
// about 85 kB a page and keeps about 2 kB a page (what the lists, the
// link check and the report need), so with Go's default (GOGC=100) it
// collects every few megabytes early on: 94 collections and a fifth of the
// CPU time for 10,000 pages. Here the heap may grow to 5 times what is
// live, but the program's memory stays under a limit: minHeapLimit, or
// what the build will keep to its end plus headroom, whichever is more.
// What it will keep is reckoned from its pages once the content folder is
// listed (tuner.size), and the limit rises with the live heap if it
// outgrows that: a small site's heap stays within minHeapLimit (a soft
// limit, which the collector works harder to keep), and a large one
// has its whole budget from its first page rather than only at its end, so
// that it collects as seldom early on as it can. Each collection marks the
// live heap, so how often a large site collects sets much of its cost.
const (
	gcPercent    = 400
	minHeapLimit = 112 << 20
	headroom     = 64 << 20
	tunePeriod   = 20 * time.Millisecond
)

// About what a build and a check keep a page at their end, measured on
// ../shared/bench/gencorpus at 50,000 pages: a build's live heap peaks at
// 106 MiB (2.2 kB a page), a check's at 122 MiB (2.5 kB a page), since it
// keeps every finding and reading level for its report. A check is given
// 3 kB a page: more room, for fewer collections, within its 250 MiB
// target at that size (it peaks at 220–222 MiB).
const (
	buildKeeps = 2300
	checkKeeps = 3 << 10
)

// tuner is the tuning of one build or check; see tuneGC.
type tuner struct {
	keeps uint64                  // bytes a page; 0 when not tuning
	set   func(limit int64) int64 // debug.SetMemoryLimit; a test's records the limits
	mu    sync.Mutex
	limit uint64
	stop  func()
}

// tuneGC applies the tuning, for a run that keeps about keeps bytes a page,
// until the tuner's stop is called, unless the user set GOGC or GOMEMLIMIT,
// which then apply as they are.
func tuneGC(keeps uint64) *tuner {
	t := &tuner{keeps: keeps, limit: minHeapLimit, set: debug.SetMemoryLimit}
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.stop = func() {}
		t.keeps = 0
		return t
	}
	oldPercent := debug.SetGCPercent(gcPercent)
	oldLimit := debug.SetMemoryLimit(minHeapLimit)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
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
			t.raise(live[0].Value.Uint64() + headroom)
		}
	}()
	t.stop = func() {
		close(done)
		<-finished
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
	return t
}

// size is told how many pages the run will render, once it knows
// (generator.Options.Listed), and sets the limit for all of them.
func (t *tuner) size(pages int) {
	if t.keeps == 0 {
		return // not tuning
	}
	t.raise(sizedLimit(pages, t.keeps))
}

// raise sets the memory limit to limit, if that is higher than it is: the
// live heap plus headroom as it grows, or what size reckoned.
func (t *tuner) raise(limit uint64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if limit > t.limit {
		t.limit = limit
		t.set(int64(limit))
	}
}

// sizedLimit is the memory limit for a run of pages that keeps keeps bytes
// a page: what it will keep at its end plus headroom, and never under
// minHeapLimit.
func sizedLimit(pages int, keeps uint64) uint64 {
	return max(minHeapLimit, uint64(max(pages, 0))*keeps+headroom)
}
