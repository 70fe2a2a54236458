package generator

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"handouts/generator/diag"
)

// TestFindingsChange follows the findings of a run of builds in watch
// mode, successful and failed, and checks what each says is new and gone,
// and the line it prints.
func TestFindingsChange(t *testing.T) {
	w := func(line int, msg string) *diag.Diagnostic {
		return diag.Warnf(diag.Pos{Path: "content/handouts/a.md", Line: line, Col: 1}, "%s", msg)
	}
	e := func(line int, msg string) *diag.Diagnostic {
		return diag.Errorf(diag.Pos{Path: "content/handouts/a.md", Line: line, Col: 1}, "%s", msg)
	}
	ok := func(ds ...*diag.Diagnostic) (*Report, error) {
		return &Report{Incremental: true, Rendered: 1, Written: 1, Warnings: ds}, nil
	}
	failed := func(ds ...*diag.Diagnostic) (*Report, error) { return nil, &diag.Errors{List: ds} }
	type build struct {
		report *Report
		err    error
	}
	b := func(r *Report, err error) build { return build{r, err} }
	for _, tt := range []struct {
		name   string
		builds []build // the first sets what the last one is compared with
		new    []string
		line   string
	}{
		{"nothing changed", []build{b(ok(w(1, "x"))), b(ok(w(1, "x")))},
			nil, "rebuilt 1 file, wrote 1, removed 0 in 0s; 1 warning (0 new, 0 gone)"},
		{"a warning moved", []build{b(ok(w(1, "x"), w(5, "y"))), b(ok(w(2, "x"), w(6, "y")))},
			nil, "; 2 warnings (0 new, 0 gone)"},
		{"one new, one gone", []build{b(ok(w(1, "x"), w(5, "y"))), b(ok(w(1, "x"), w(3, "z")))},
			[]string{"content/handouts/a.md:3:1: warning: z"}, "; 2 warnings (1 new, 1 gone)"},
		{"a failure lists only some warnings: the others are not gone", []build{b(ok(w(1, "x"), w(5, "y"))), b(failed(e(2, "bad"), w(5, "y")))},
			[]string{"content/handouts/a.md:2:1: bad"}, "failed in 0s; 1 error (1 new, 0 gone); 1 warning listed (0 new)"},
		{"a failure's new warning is not new again once fixed", []build{b(ok(w(1, "x"))), b(failed(e(2, "bad"), w(3, "z"))), b(ok(w(1, "x"), w(3, "z")))},
			nil, "; 0 errors (0 new, 1 gone); 2 warnings (0 new, 0 gone)"},
		{"the same failure again", []build{b(failed(e(2, "bad"))), b(failed(e(4, "bad")))},
			nil, "failed in 0s; 1 error (0 new, 0 gone)"},
		{"an error that is not a finding", []build{b(ok()), b(nil, errors.New("disk full"))},
			[]string{"disk full"}, "failed in 0s; 1 error (1 new, 0 gone)"},
		{"warnings gone after a failure count from the last success", []build{b(ok(w(1, "x"), w(2, "y"))), b(failed(e(3, "bad"))), b(ok())},
			nil, "; 0 errors (0 new, 1 gone); 0 warnings (0 new, 2 gone)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var s seen
			var c *FindingsChange
			for _, bl := range tt.builds {
				c = s.next(bl.report, bl.err)
			}
			var got []string
			for _, d := range c.New {
				got = append(got, d.Error())
			}
			if !slices.Equal(got, tt.new) {
				t.Errorf("new %q, want %q", got, tt.new)
			}
			last := tt.builds[len(tt.builds)-1]
			r := Rebuild{Changed: []string{"content/handouts/a.md"}, Report: last.report, Err: last.err, Took: time.Duration(0), Findings: c}
			line := r.Summary()
			if !strings.HasPrefix(line, "content/handouts/a.md: ") || !strings.HasSuffix(line, tt.line) {
				t.Errorf("the line is %q, want it to end %q", line, tt.line)
			}
		})
	}
}
