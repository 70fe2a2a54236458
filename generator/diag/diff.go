package diag

// Diff compares the findings of two builds of the same site: added are
// those of after that before did not have, gone those of before that
// after no longer has, each list in the order given. Two findings are the
// same when their file, severity, kind and message are: a finding that
// only moved, because the author added or removed lines above it, is
// neither added nor gone, so that watch mode does not print every warning
// of a file again for each line typed at its top. Findings that are the
// same several times are counted: a third identical warning is added.
func Diff(before, after []*Diagnostic) (added, gone []*Diagnostic) {
	type key struct {
		path      string
		severity  Severity
		kind, msg string
	}
	keyOf := func(d *Diagnostic) key { return key{d.Pos.Path, d.Severity, d.Kind, d.Msg} }
	unmatched := func(from, in []*Diagnostic) []*Diagnostic {
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
	return unmatched(after, before), unmatched(before, after)
}
