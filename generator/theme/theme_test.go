package theme

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

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
			th, errs := Load(themeFS(base, tt.body), "t", m)
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
