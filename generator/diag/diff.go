package diag

import (
	"slices"
)

// Diff compares the findings of two builds of the same site: added are
// those of after that before did not have, gone those of before that
// after no longer has, each list in the order given. Two findings are the
// same when their file, severity, kind and message are: a finding that
// only moved, because the author added or removed lines above it, is
// neither added nor gone, so that watch mode does not print every warning
// of a file again for each line typed at its top. Findings that are the
// same several times are counted: a third identical warning is added.
//
// When both lists are in path order, as a build's are, a file whose
// findings are the very same values in both (a page a rebuild did not
// touch) costs one comparison of pointers each, so a rebuild that renders
// one page of a large site compares about that page's findings. Runs of
// the very same values at the same places in both lists are passed over
// without reading the findings at all: a rebuild's list is the last one's
// with a few findings changed.
func Diff(before, after []*Diagnostic) (added, gone []*Diagnostic) {
	wholeBefore, wholeAfter := before, after
	last := ""
	for len(before) > 0 || len(after) > 0 {
		n := 0
		for n < len(before) && n < len(after) && before[n] == after[n] {
			n++ // the same finding in both: the same several times or not, it cancels out
		}
		before, after = before[n:], after[n:]
		if len(before) == 0 && len(after) == 0 {
			break
		}
		var path string
		switch {
		case len(before) == 0:
			path = after[0].Pos.Path
		case len(after) == 0:
			path = before[0].Pos.Path
		default:
			path = min(before[0].Pos.Path, after[0].Pos.Path)
		}
		if path < last {
			// Not in path order: compare the lists whole.
			return unmatched(wholeAfter, wholeBefore), unmatched(wholeBefore, wholeAfter)
		}
		last = path
		b, a := run(before, path), run(after, path)
		before, after = before[len(b):], after[len(a):]
		if slices.Equal(a, b) {
			continue
		}
		added = append(added, unmatched(a, b)...)
		gone = append(gone, unmatched(b, a)...)
	}
	return added, gone
}

// run returns the findings at the start of list that are about path.
func run(list []*Diagnostic, path string) []*Diagnostic {
	n := 0
	for n < len(list) && list[n].Pos.Path == path {
		n++
	}
	return list[:n]
}

// unmatched returns the findings of from that in has not, counting
// findings that are the same several times.
func unmatched(from, in []*Diagnostic) []*Diagnostic {
	type key struct {
		path      string
		severity  Severity
		kind, msg string
	}
	keyOf := func(d *Diagnostic) key { return key{d.Pos.Path, d.Severity, d.Kind, d.Msg} }
	left := make(map[key]int, len(in))
	for _, d := range in {
		left[keyOf(d)]++
	}
	var out []*Diagnostic
	for _, d := range from {
		if k := keyOf(d); left[k] > 0 {
			left[k]--
			continue
		}
		out = append(out, d)
	}
	return out
}
