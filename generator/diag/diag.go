// Package diag holds the build's findings: errors and warnings about a
// source file, each with the position it concerns.
//
// A finding is created where its position is known (the front-matter decoder,
// the Markdown link resolver, the template loader) and travels as a value, so
// the message a person reads always leads with path:line:col.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
	"unique"
)

// Severity says whether a finding fails the build.
type Severity int

const (
	// Error fails the build.
	Error Severity = iota
	// Warning is reported and counted but does not fail the build.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a position in a source file. Path is slash-separated and relative to
// the site's root (content/handouts/x.md); Line and Col count from 1, and 0
// means unknown.
type Pos struct {
	Path string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.Path == "":
		return ""
	case p.Line == 0:
		return p.Path
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.Path, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col)
}

// Diagnostic is one finding about a source file.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Msg      string
	// Kind names the check that made the finding with a short code that
	// stays the same from release to release ("readability", "capitals",
	// "link"), so that a report can group a large site's findings and tools
	// can filter them; "" when the check gave none.
	Kind string
	// cause is the error the finding wraps (%w in its format), if any.
	cause error
}

// WithKind sets the finding's Kind and returns it.
func (d *Diagnostic) WithKind(kind string) *Diagnostic {
	d.Kind = kind
	return d
}

// Errorf returns an error-severity finding at pos. As with fmt.Errorf, a %w
// verb in format wraps its argument: errors.Is and errors.As see through
// the finding to its cause, such as fs.ErrPermission or context.Canceled.
func Errorf(pos Pos, format string, args ...any) *Diagnostic {
	return newf(pos, Error, format, args)
}

// Warnf returns a warning at pos; %w wraps as in Errorf.
func Warnf(pos Pos, format string, args ...any) *Diagnostic {
	return newf(pos, Warning, format, args)
}

func newf(pos Pos, sev Severity, format string, args []any) *Diagnostic {
	err := fmt.Errorf(format, args...)
	// A large site repeats the same message thousands of times ("1
	// source; cite at least 2 …"), and a build keeps every finding to its
	// end: one copy of each message, not one a finding.
	d := &Diagnostic{Pos: pos, Severity: sev, Msg: unique.Make(err.Error()).Value()}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		d.cause = u.Unwrap()
	case interface{ Unwrap() []error }:
		d.cause = errors.Join(u.Unwrap()...)
	}
	return d
}

// Unwrap returns the error the finding wraps, or nil.
func (d *Diagnostic) Unwrap() error { return d.cause }

// Error formats the finding as "path:line:col: message". Warnings say so.
func (d *Diagnostic) Error() string {
	var b strings.Builder
	if s := d.Pos.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

// List collects findings. It is not safe for concurrent use: each worker keeps
// its own and the owner merges them.
type List struct {
	items []*Diagnostic
}

// MaxErrors is how many findings the message of Errors lists, so a broken
// site of ten thousand pages reports enough to act on without flooding the
// terminal; Errors.List keeps them all.
const MaxErrors = 200

// Add records a finding. Any error that is not a *Diagnostic is kept as an
// error with no position.
func (l *List) Add(err error) {
	if err == nil {
		return
	}
	var d *Diagnostic
	if !errors.As(err, &d) {
		d = &Diagnostic{Severity: Error, Msg: err.Error()}
	}
	l.items = append(l.items, d)
}

// Merge appends every finding of o.
func (l *List) Merge(o *List) {
	if o != nil {
		l.items = append(l.items, o.items...)
	}
}

// Sorted returns the findings ordered by path, line and column, then message,
// so that output does not depend on the order workers finished in.
func (l *List) Sorted() []*Diagnostic {
	return SortedCopy(l.items)
}

// SortedCopy returns a copy of ds sorted by Compare, without duplicates.
func SortedCopy(ds []*Diagnostic) []*Diagnostic {
	out := slices.Clone(ds)
	slices.SortStableFunc(out, Compare)
	return slices.CompactFunc(out, same)
}

// Compare orders findings by file, line and column, then errors before
// warnings, then by message.
func Compare(a, b *Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.Pos.Path, b.Pos.Path),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(a.Severity, b.Severity),
		cmp.Compare(a.Msg, b.Msg),
	)
}

// same reports whether two findings say the same thing at the same place.
func same(a, b *Diagnostic) bool {
	return a.Pos == b.Pos && a.Severity == b.Severity && a.Msg == b.Msg
}

// MergeSorted merges two lists sorted by Compare and without duplicates,
// as SortedCopy returns them, into one, without duplicates: what Sorted
// returns for both lists' findings together, in time proportional to
// their lengths, or, when one list is much shorter (a site's few findings
// beside its pages' thousands), to the shorter one's length times the
// logarithm of the longer one's, plus a copy.
func MergeSorted(a, b []*Diagnostic) []*Diagnostic {
	out := make([]*Diagnostic, 0, len(a)+len(b))
	add := func(d *Diagnostic) {
		if n := len(out); n == 0 || !same(out[n-1], d) {
			out = append(out, d)
		}
	}
	if short, long := min(len(a), len(b)), max(len(a), len(b)); short*gallop < long {
		// Each finding of the short list goes where a binary search of the
		// long one puts it, the long one's findings between copied as they
		// are: a's before b's equal ones, as below.
		aFirst := len(a) <= len(b)
		if !aFirst {
			a, b = b, a
		}
		for _, d := range a {
			i, _ := slices.BinarySearchFunc(b, d, func(x, d *Diagnostic) int {
				if c := Compare(x, d); c != 0 || aFirst {
					return c
				}
				return -1 // equal, and the long list's come first
			})
			if i > 0 {
				add(b[0])
				out = append(out, b[1:i]...)
			}
			add(d)
			b = b[i:]
		}
		if len(b) > 0 {
			add(b[0])
			out = append(out, b[1:]...)
		}
		return out
	}
	for len(a) > 0 || len(b) > 0 {
		if len(b) == 0 || len(a) > 0 && Compare(a[0], b[0]) <= 0 {
			add(a[0])
			a = a[1:]
		} else {
			add(b[0])
			b = b[1:]
		}
	}
	return out
}

// gallop is how many times longer than the other a list must be for
// MergeSorted to place the shorter one's findings by binary search.
const gallop = 16

// Count returns the number of errors and warnings.
func (l *List) Count() (errs, warnings int) {
	for _, d := range l.items {
		if d.Severity == Error {
			errs++
		} else {
			warnings++
		}
	}
	return errs, warnings
}

// Err returns nil when the list holds no error-severity finding, and
// otherwise an *Errors holding every finding, sorted.
func (l *List) Err() error {
	if n, _ := l.Count(); n == 0 {
		return nil
	}
	return &Errors{List: l.Sorted()}
}

// Errors is a failed build's findings, sorted. Its message lists them one per
// line (at most MaxErrors) and ends with a count.
type Errors struct {
	List []*Diagnostic
}

// Unwrap returns the findings, so that errors.Is and errors.As look at
// each, and through each to its cause.
func (e *Errors) Unwrap() []error {
	out := make([]error, len(e.List))
	for i, d := range e.List {
		out[i] = d
	}
	return out
}

func (e *Errors) Error() string {
	var b strings.Builder
	errs := 0
	for i, d := range e.List {
		if d.Severity == Error {
			errs++
		}
		if i < MaxErrors {
			b.WriteString(shorten(d.Error()))
			b.WriteByte('\n')
		}
	}
	if len(e.List) > MaxErrors {
		fmt.Fprintf(&b, "... and %d more\n", len(e.List)-MaxErrors)
	}
	b.WriteString(Count(errs, "error"))
	return b.String()
}

// Count says how many of a thing there are, for messages: "1 error",
// "2 errors", "0 warnings". noun is a regular English noun in the singular.
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// maxLine is the longest message line printed, in bytes: a message that
// quotes a 100,000-character line of a source is cut to what a terminal
// shows.
const maxLine = 1000

// shorten cuts msg to maxLine bytes, at a character boundary.
func shorten(msg string) string {
	if len(msg) <= maxLine {
		return msg
	}
	cut := maxLine
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return msg[:cut] + " ..."
}

// Lines maps byte offsets in a source to line and column. Columns count
// characters (runes), as editors do. It is not safe for concurrent use.
type Lines struct {
	src    []byte
	starts []int
	// The last position found, to count columns on from it: a page with
	// thousands of links on one long line would otherwise count that line
	// from its start for each link.
	lastLine, lastOff, lastCol int
}

// NewLines indexes src.
func NewLines(src []byte) *Lines {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Lines{src: src, starts: starts}
}

// Pos returns the position of byte offset off in the file at path.
func (l *Lines) Pos(path string, off int) Pos {
	off = max(0, min(off, len(l.src)))
	i, found := slices.BinarySearch(l.starts, off)
	if !found {
		i--
	}
	var col int
	if i+1 == l.lastLine && off >= l.lastOff {
		col = l.lastCol + utf8.RuneCount(l.src[l.lastOff:off])
	} else {
		col = 1 + utf8.RuneCount(l.src[l.starts[i]:off])
	}
	l.lastLine, l.lastOff, l.lastCol = i+1, off, col
	return Pos{Path: path, Line: i + 1, Col: col}
}

// Line returns the text of line n (from 1), without its newline.
func (l *Lines) Line(n int) string {
	if n < 1 || n > len(l.starts) {
		return ""
	}
	end := len(l.src)
	if n < len(l.starts) {
		end = l.starts[n] - 1
	}
	return string(l.src[l.starts[n-1]:end])
}
