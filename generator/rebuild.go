package generator

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"handouts/generator/content"
	"handouts/generator/diag"
	"handouts/generator/watch"
)

// Rebuild is one build in watch mode: what changed (nil for the first
// build), its report on success, or its error. A Rebuild with only Watch
// set reports a problem with watching for changes: the site is as it was,
// but some changes may not be noticed.
type Rebuild struct {
	Changed []string
	Report  *Report
	Err     error
	Watch   error
	// Took is how long the build took, failed or not.
	Took time.Duration
	// Findings says how the findings differ from the last build's; nil
	// for the first build, which shows them all.
	Findings *FindingsChange
}

// FindingsChange is how a rebuild's findings differ from the last
// build's, so that watch mode prints only what is new (diag.Diff).
type FindingsChange struct {
	// New are the errors and warnings the last build did not have, sorted.
	New []*diag.Diagnostic
	// GoneErrors and GoneWarnings count the findings the last build had
	// and this one has not. A failed build lists only some warnings (see
	// Build): the others are not gone, and are not counted.
	GoneErrors, GoneWarnings int
	// Errors and Warnings count the build's findings. Of a failed build,
	// Warnings counts those it lists.
	Errors, Warnings int
}

// count returns how many of New have the severity sev.
func (c *FindingsChange) count(sev diag.Severity) int {
	n := 0
	for _, d := range c.New {
		if d.Severity == sev {
			n++
		}
	}
	return n
}

// Summary is the one line watch mode prints for a rebuild after the first:
// what changed, what was rebuilt and how long it took, and how many
// findings are new or gone since the last build:
//
//	content/handouts/a.md: rebuilt 3 files, wrote 2, removed 0 in 12.1ms; 212 warnings (1 new, 2 gone)
//
// The findings that are new are printed in full besides.
func (r Rebuild) Summary() string {
	var b strings.Builder
	if len(r.Changed) > 0 {
		b.WriteString(strings.Join(r.Changed[:min(len(r.Changed), 3)], ", "))
		if len(r.Changed) > 3 {
			fmt.Fprintf(&b, " and %d more", len(r.Changed)-3)
		}
		b.WriteString(": ")
	}
	c := r.Findings
	if c == nil {
		c = &FindingsChange{}
	}
	if r.Err != nil {
		fmt.Fprintf(&b, "failed in %s", r.Took.Round(100*time.Microsecond))
	} else {
		rep := *r.Report
		rep.Warnings = nil // counted below, with what changed
		b.WriteString(rep.Summary())
	}
	if c.Errors > 0 || c.GoneErrors > 0 {
		fmt.Fprintf(&b, "; %s (%d new, %d gone)", diag.Count(c.Errors, "error"), c.count(diag.Error), c.GoneErrors)
	}
	switch {
	case r.Err == nil:
		fmt.Fprintf(&b, "; %s (%d new, %d gone)", diag.Count(c.Warnings, "warning"), c.count(diag.Warning), c.GoneWarnings)
	case c.Warnings > 0: // a failed build lists the warnings of pages with errors only
		fmt.Fprintf(&b, "; %s listed (%d new)", diag.Count(c.Warnings, "warning"), c.count(diag.Warning))
	}
	return b.String()
}

// seen are the findings of the last build, that a rebuild's are compared
// with.
type seen struct {
	errors, warnings []*diag.Diagnostic
}

// next compares the findings of a build that returned report and err with
// the last build's, and remembers them for the next. A failed build lists
// only the warnings of the pages with errors, so its warnings are compared
// with the last build's but do not replace them.
func (s *seen) next(report *Report, err error) *FindingsChange {
	var errs, warnings []*diag.Diagnostic
	var list *diag.Errors
	switch {
	case err == nil:
		warnings = report.Warnings
	case errors.As(err, &list):
		for _, d := range list.List {
			if d.Severity == diag.Error {
				errs = append(errs, d)
			} else {
				warnings = append(warnings, d)
			}
		}
	default:
		errs = []*diag.Diagnostic{{Severity: diag.Error, Msg: err.Error()}}
	}
	c := &FindingsChange{Errors: len(errs), Warnings: len(warnings)}
	newErrs, goneErrs := diag.Diff(s.errors, errs)
	newWarnings, goneWarnings := diag.Diff(s.warnings, warnings)
	c.New = diag.MergeSorted(diag.SortedCopy(newErrs), diag.SortedCopy(newWarnings))
	c.GoneErrors = len(goneErrs)
	s.errors = errs
	if err == nil {
		c.GoneWarnings = len(goneWarnings)
		s.warnings = warnings
	} else {
		s.warnings = append(s.warnings, newWarnings...)
	}
	return c
}

// Watch builds the site, then watches content/ and themes/ and rebuilds on
// every change until ctx ends, calling done after each build. Builds never
// overlap: changes that arrive during a build make one more build after it.
// A failed build leaves the previous output in place.
func Watch(ctx context.Context, opt Options, done func(Rebuild)) error {
	b := NewBuilder(opt)
	w, err := watch.New(opt.Source, []string{content.Dir, "themes"}, content.Ignored)
	if err != nil {
		return err
	}
	var last seen
	start := time.Now()
	report, err := b.Build(ctx, nil)
	last.next(report, err)
	done(Rebuild{Report: report, Err: err, Took: time.Since(start)})

	batches := make(chan []string)
	problems := make(chan error)
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := w.Run(ctx, batches, problems); err != nil {
			select {
			case problems <- err:
			case <-ctx.Done():
			}
		}
	})
	defer wg.Wait()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-problems:
			done(Rebuild{Watch: err})
		case changed := <-batches:
			start := time.Now()
			report, err := b.Build(ctx, changed)
			if ctx.Err() != nil {
				return nil
			}
			took := time.Since(start)
			done(Rebuild{Changed: changed, Report: report, Err: err, Took: took, Findings: last.next(report, err)})
		}
	}
}
