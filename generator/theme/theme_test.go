package theme

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/fstest"

	"handouts/generator/diag"
	"handouts/generator/minify"
)

// themeFS is a theme with every layout, each the given body in the base.
func themeFS(base, body string) fstest.MapFS {
	fsys := fstest.MapFS{"t/layouts/base.html": {Data: []byte(base)}}
	for _, l := range Layouts {
		fsys["t/layouts/"+l+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}` + body + `{{end}}{{template "base" .}}`)}
	}
	return fsys
}

const base = "{{define \"base\"}}<!doctype html>\n<html>\n<head>\n<title>{{.Title}}</title>\n</head>\n<body>\n{{block \"main\" .}}{{end}}\n</body>\n</html>\n{{end}}"

// TestMinifiedTemplates checks that the templates run minified when they
// safely can, with the same page as the templates as written minified
// whole, and as written when an action sits in a script, style or pre.
func TestMinifiedTemplates(t *testing.T) {
	m := minify.New()
	tests := []struct {
		name, body string
		minified   bool
	}{
		{"markup", "<p>\n  Hello,   {{.Name}}  and  <em>{{.Title}}</em>\n</p>\n<ul>\n{{range .Items}}<li> {{.}} </li>\n{{end}}</ul>", true},
		{"script without actions", `<script src="/x.js" defer></script><p>{{.Name}}</p>`, true},
		{"action in a script", `<script>var n = "{{.Name}}";</script>`, false},
		{"action in a style", "<style>\np { color: {{.Color}}; }\n</style>", false},
		{"action in pre", "<pre>\n  {{.Name}}\n    indented\n</pre>", false},
	}
	data := map[string]any{"Title": "A & B", "Name": "Ann  Lee", "Items": []string{"one", "two"}, "Color": "red"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th, errs := Load(themeFS(base, tt.body), "t", Options{Minifier: m, Link: func(out string) string { return "/" + out }})
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if th.Minified != tt.minified {
				t.Fatalf("Minified = %v, want %v", th.Minified, tt.minified)
			}
			var got bytes.Buffer
			if err := th.Render(&got, "page", data); err != nil {
				t.Fatal(err)
			}
			var written, want bytes.Buffer
			if err := th.layouts["page"].Execute(&written, data); err != nil {
				t.Fatal(err)
			}
			if err := m.HTML(&want, written.Bytes()); err != nil {
				t.Fatal(err)
			}
			var again bytes.Buffer
			if err := m.HTML(&again, got.Bytes()); err != nil {
				t.Fatal(err)
			}
			if again.String() != want.String() {
				t.Errorf("the page, minified again:\n%s\nwant, from the templates as written:\n%s", again.String(), want.String())
			}
			// Minified, the templates keep their whitespace only as one
			// space or line break.
			if tt.minified && (strings.Contains(got.String(), "\n\n") || strings.Contains(got.String(), "\n ")) {
				t.Errorf("the page is not minified:\n%s", got.String())
			}
		})
	}
}

// TestErrors checks that a template's errors lead with the file, line and,
// where the template package knows it, column, and say what to do.
func TestErrors(t *testing.T) {
	tests := []struct {
		name, body string
		// want is the whole message, "path:line:col: message"; every
		// layout holds body (themeFS), and the first parsed is home.html.
		want string
	}{
		{"syntax", "<p>\n{{.Title}\n</p>",
			`t/layouts/home.html:2: bad character U+007D '}'; actions are written {{ ... }}, each {{if}}, {{range}}, {{with}}, {{block}} and {{define}} needs its {{end}}, and a layout may call asset, wbr and the functions of Go's templates`},
		{"unknown function", "<p>{{nope .Title}}</p>",
			`t/layouts/home.html:1: function "nope" not defined; actions are written {{ ... }}, each {{if}}, {{range}}, {{with}}, {{block}} and {{define}} needs its {{end}}, and a layout may call asset, wbr and the functions of Go's templates`},
		{"unknown field", "<p>\n  {{.Title.Nope}}</p>",
			`t/layouts/page.html:2:11: <.Title.Nope>: can't evaluate field Nope in type interface {}; check the names in this action against the page's data, and guard a value that may be missing with {{with}} or {{if}}`},
		{"column in characters", "<p>\n  Café 🤱 {{.Title.Nope}}</p>",
			`t/layouts/page.html:2:18: <.Title.Nope>: can't evaluate field Nope in type interface {}; check the names in this action against the page's data, and guard a value that may be missing with {{with}} or {{if}}`},
		{"missing key", "<p>{{.Nope}}</p>", // after {{define "main"}} on line 1
			`t/layouts/page.html:1:23: <.Nope>: map has no entry for key "Nope"; check the names in this action against the page's data, and guard a value that may be missing with {{with}} or {{if}}`},
		{"missing static file", `<link href="{{asset "css/x.css"}}">`,
			`t/layouts/page.html:1:32: <asset "css/x.css">: error calling asset: no static file "css/x.css" in t/static: add it there, or correct the name`},
		{"branches end apart", "<p>\n  {{if .Title}}<a href=\"{{else}}<b>{{end}}</p>",
			`t/layouts/page.html:2:8: the branches of this {{if}} or {{with}} leave the HTML in different states (one opens a tag, an attribute or a quote that another does not): open and close each within its branch`},
		{"unclosed attribute", "<p>\n<a href=\"{{.Title}}\n</p>",
			`t/layouts/page.html: the template ends inside a tag, an attribute, a quote, a script or a comment: close it`},
		{"action in a data-on attribute", "<p>\n <b data-one=\"{{.Title}}\">x</b></p>",
			`t/layouts/home.html:2:5: attribute data-one holds an action, and Go's templates treat an attribute named on… (or data-on…) as an event handler, writing its value as a JavaScript string with its quotes; rename the attribute (data-single instead of data-one, say)`},
		{"no such template", "<p>\n{{template \"nope\" .}}</p>",
			`t/layouts/page.html:2:12: no such template "nope": define it with {{define}} in a file under partials/, or correct the name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th, errs := Load(themeFS(base, tt.body), "t", Options{Minifier: minify.New(), Link: func(out string) string { return "/" + out }})
			err := errors.Join(errs...)
			if err == nil {
				err = th.Render(io.Discard, "page", map[string]any{"Title": "A title"})
			}
			var d *diag.Diagnostic
			if !errors.As(err, &d) {
				t.Fatalf("got %v (%T), want a positioned finding", err, err)
			}
			if got := d.Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if d.Kind != KindTheme {
				t.Errorf("kind %q, want %q", d.Kind, KindTheme)
			}
		})
	}
}

// TestFill checks Fill against strings.Replacer, which it replaced for
// speed: the same text for every pattern, including braces that name
// nothing, nested ones and a name given twice.
func TestFill(t *testing.T) {
	kv := []string{"date", "May 1", "n", "3", "name", "{n}", "n", "4"}
	for _, pattern := range []string{
		"", "no names", "Reviewed {date} by {name}", "{n}{n}", "{", "}", "{}", "{nope}", "{{n}}",
		"{n", "a {date", "{a{n}", "page {n} of {n}.", "{date}{", "😀 {n} ünïcode",
	} {
		var pairs []string
		for i := 0; i < len(kv); i += 2 {
			pairs = append(pairs, "{"+kv[i]+"}", kv[i+1])
		}
		want := strings.NewReplacer(pairs...).Replace(pattern)
		if got := Fill(pattern, kv...); got != want {
			t.Errorf("Fill(%q) = %q, want %q", pattern, got, want)
		}
	}
}

// TestHandoutCount checks that a count of handouts is written as its
// language groups digits, with the theme's own words around it.
func TestHandoutCount(t *testing.T) {
	for _, tt := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 handout"},
		{"en", 7, "7 handouts"},
		{"en", 1667, "1,667 handouts"},
		{"es", 1, "1 hoja"},
		{"es", 16670, "16.670 hojas"},
	} {
		s := &Strings{Lang: tt.lang, HandoutCountOne: "1 handout", HandoutCountMany: "{n} handouts"}
		if tt.lang == "es" {
			s.HandoutCountOne, s.HandoutCountMany = "1 hoja", "{n} hojas"
		}
		if got := s.HandoutCount(tt.n); got != tt.want {
			t.Errorf("%s: HandoutCount(%d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

// TestFragment checks that a fragment is made by a partial's template,
// minified like a page, and that a missing one says what to add.
func TestFragment(t *testing.T) {
	fsys := themeFS(base, "x")
	fsys["t/layouts/partials/lists.html"] = &fstest.MapFile{Data: []byte("{{define \"item\"}}<li>\n  <a href=\"{{.}}\">x</a>\n</li>\n{{end}}")}
	th, errs := Load(fsys, "t", Options{Minifier: minify.New()})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got, err := th.Fragment("item", "/a b/")
	if err != nil {
		t.Fatal(err)
	}
	if want := "<li>\n<a href=\"/a%20b/\">x</a>\n</li>\n"; string(got) != want { // runs of spaces made one, as in every minified template
		t.Errorf("Fragment = %q, want %q", got, want)
	}
	if _, err := th.Fragment("search-item", nil); err == nil || !strings.Contains(err.Error(), `no template "search-item"`) {
		t.Errorf("a missing template: %v", err)
	}
}
