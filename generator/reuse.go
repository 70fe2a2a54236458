package generator

import (
	"encoding/binary"
	"sync"
	"sync/atomic"

	"handouts/generator/address"
)

// A rebuild makes a page of a long list again only when something it
// shows changed. A page of the A–Z list or of a topic shows its entries,
// each made with its handout's page, and a few things of the list as a
// whole (which page it is, of how many, where each letter starts). Each
// rendered page gets a number of its own (pageInfo.serial), so a list
// page's key (its entries' numbers and the rest) is the same only when it
// would be made the same, and its file from the last build is kept. Full
// builds make every page and record the keys; site settings, the theme
// and ordinary pages' titles, which every page shows, always make a full
// build (plan.go).

// listKeys are the keys of the list pages of one build, by output path,
// and those of the last build, whose files a rebuild may keep.
type listKeys struct {
	mu   sync.Mutex
	keys map[string]string
	// names are the output paths of files named by their bytes' hash (a
	// search index's shards), by what each is ("search:en:3").
	names map[string]string
	// last are the last build's keys, names and outputs; nil for a full
	// build.
	last, lastNames map[string]string
	lastOutputs     map[string]output
}

func newListKeys(last *state) *listKeys {
	k := &listKeys{keys: map[string]string{}, names: map[string]string{}}
	if last != nil {
		k.last, k.lastNames, k.lastOutputs = last.keys, last.names, last.outputs.files
	}
	return k
}

// reuseNamed is reuse for a file named by a hash of its bytes, which is
// known only once it is made: name says which file it is. It returns the
// last build's path for the file when the last build made it from the
// same key, claimed in w; otherwise the caller makes the file and records
// it with named.
func (k *listKeys) reuseNamed(w *writer, name, key string) (string, bool) {
	at, ok := k.lastNames[name]
	if !ok || !k.keep(w, address.File(at), key) {
		return "", false
	}
	k.named(name, at, key)
	return at, true
}

// named records that the file name, made from key, is at the site path at.
func (k *listKeys) named(name, at, key string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.names[name] = at
	k.keys[address.File(at)] = key
}

// reuse records key for the page at the site path at, and reports whether
// the last build made the page from the same key: then the last build's
// file stays as it is, claimed in w, and the page need not be made.
func (k *listKeys) reuse(w *writer, at, key string) bool {
	out := address.File(at)
	k.mu.Lock()
	k.keys[out] = key
	k.mu.Unlock()
	return k.keep(w, out, key)
}

// keep claims in w the last build's output file out when the last build
// made it from key, and reports whether it did.
func (k *listKeys) keep(w *writer, out, key string) bool {
	if k.last == nil || k.last[out] != key {
		return false
	}
	o, ok := k.lastOutputs[out]
	if !ok || o.group == "" {
		return false
	}
	w.claim(out, o)
	return true
}

// listKey is the key of a list page that shows pages and depends on
// parts besides.
func listKey(pages []*pageInfo, parts ...string) string {
	n := 8 * len(pages)
	for _, p := range parts {
		n += len(p) + 1
	}
	b := make([]byte, 0, n)
	for _, p := range parts {
		b = append(b, p...)
		b = append(b, 0)
	}
	for _, p := range pages {
		b = binary.LittleEndian.AppendUint64(b, p.serial)
	}
	return string(b)
}

// serials numbers rendered pages, across the rebuilds of one full build.
type serials struct{ n atomic.Uint64 }

func (s *serials) next() uint64 { return s.n.Add(1) }
