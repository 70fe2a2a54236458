package markdown

import (
	"bytes"
	"strings"
	"testing"

	"handouts/generator/diag"
)

// sameURL resolves every destination to itself.
type sameURL struct{}

func (sameURL) Resolve(dest string) (string, error) { return dest, nil }

// convertWith converts src with a new Converter and the options.
func convertWith(t *testing.T, src string, opts ...ConvertOption) string {
	t.Helper()
	var buf bytes.Buffer
	res, err := New(Options{}).Convert([]byte(src), &buf, sameURL{}, func(int) diag.Pos { return diag.Pos{} }, opts...)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors {
		t.Fatal(e)
	}
	return buf.String()
}

func TestIDPrefix(t *testing.T) {
	src := "## Get ready\n\n## Get ready\n\nA note.[^1]\n\n[^1]: The note.\n"
	for _, tc := range []struct {
		name   string
		opts   []ConvertOption
		want   []string
		absent []string
	}{
		{"none", nil,
			[]string{`id="get-ready"`, `id="get-ready-1"`, `id="fnref:1"`, `href="#fn:1"`, `id="fn:1"`},
			[]string{`id="h-`}},
		{"prefixed", []ConvertOption{IDPrefix("h-")},
			[]string{`id="h-get-ready"`, `id="h-get-ready-1"`, `id="h-fnref:1"`, `href="#h-fn:1"`, `id="h-fn:1"`, `href="#h-fnref:1"`},
			[]string{`id="get-ready"`, `id="fn:1"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			html := convertWith(t, src, tc.opts...)
			for _, w := range tc.want {
				if !strings.Contains(html, w) {
					t.Errorf("no %s in\n%s", w, html)
				}
			}
			for _, w := range tc.absent {
				if strings.Contains(html, w) {
					t.Errorf("%s in\n%s", w, html)
				}
			}
		})
	}
}

// A converter is shared by every page: one page's prefix must not leak
// into the next page converted.
func TestIDPrefixDoesNotLeak(t *testing.T) {
	c := New(Options{})
	pos := func(int) diag.Pos { return diag.Pos{} }
	var a, b bytes.Buffer
	if _, err := c.Convert([]byte("## Steps\n\nSee.[^1]\n\n[^1]: x\n"), &a, sameURL{}, pos, IDPrefix("p-")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Convert([]byte("## Steps\n\nSee.[^1]\n\n[^1]: x\n"), &b, sameURL{}, pos); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "p-") {
		t.Errorf("the prefix of one conversion reached the next:\n%s", b.String())
	}
}

func TestTaskBoxHidden(t *testing.T) {
	html := convertWith(t, "- [ ] Soap\n- [x] Towel\n")
	for _, w := range []string{
		`<input type="checkbox" disabled aria-hidden="true"> Soap`,
		`<input type="checkbox" checked disabled aria-hidden="true"> Towel`,
	} {
		if !strings.Contains(html, w) {
			t.Errorf("no %s in\n%s", w, html)
		}
	}
}
