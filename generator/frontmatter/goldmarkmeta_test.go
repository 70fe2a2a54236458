package frontmatter_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	meta "github.com/yuin/goldmark-meta"
	"github.com/yuin/goldmark/parser"

	"handouts/generator/frontmatter"
)

// The design named github.com/yuin/goldmark-meta for front matter; the
// project reads it with its own splitter and github.com/goccy/go-yaml, to
// put a line and column on every key and value. These tests make that
// choice executable: wherever goldmark-meta v1.1.0 reads a front matter
// without error, handouts reads the same keys with the same values, except
// for the differences listed here, each asserted as a difference. The
// README's dependency table lists the same differences.

// difference is one way handouts reads front matter differently from
// goldmark-meta, on purpose.
type difference string

const (
	// yaml11Bool: goldmark-meta reads YAML 1.1's words y, yes, on, n, no,
	// off (any case) as true and false; handouts reads YAML 1.2, where they
	// are text, and a true/false key refuses them ("draft: yes please" is
	// not a yes).
	yaml11Bool difference = "YAML 1.1 yes/no/on/off/y/n are not booleans"
	// yaml11Number: goldmark-meta reads YAML 1.1's number forms (0X1F,
	// 0b101, 1_000, 1:30) as numbers; handouts reads YAML 1.2, where they
	// are text, and a number key refuses them.
	yaml11Number difference = "YAML 1.1 forms like 0b101, 1_000 and 1:30 are not numbers"
	// lenientYAML: text that breaks YAML's rules each library reads its
	// own way: goldmark-meta's yaml.v2 reads " A:\n0" as A with no value,
	// where handouts says where the YAML breaks; " A:\n0 " is A with no
	// value to one and A: 0 to the other.
	lenientYAML difference = "YAML that breaks YAML's rules is an error"
	// controlChar: goldmark-meta reads invisible control characters (a
	// form feed, an escape) as spaces or text; handouts refuses them at
	// their line and column.
	controlChar difference = "invisible control characters are refused"
	// explicitKey: goldmark-meta reads YAML's explicit keys ("? title");
	// handouts refuses them: a key is a plain word before a colon.
	explicitKey difference = "explicit keys (? key) are refused"
	// dotsFence: handouts also closes front matter with "...", YAML's
	// end-of-document line; goldmark-meta closes only with dashes, and
	// swallows the rest of the file into the front matter.
	dotsFence difference = `"..." closes the front matter`
	// duplicateKey: goldmark-meta keeps the last of two values of one key;
	// handouts refuses the second ("key "x" is given twice").
	duplicateKey difference = "a key given twice is an error"
	// brokenYAML: where the YAML cannot be read, goldmark-meta renders the
	// front matter into the page with the error in an HTML comment;
	// handouts fails the build with the error at its line and column.
	brokenYAML difference = "broken YAML is an error, not page text"
	// alias: goldmark-meta expands YAML anchors and aliases (&a, *a);
	// handouts refuses them, so a value is always written where it is used.
	alias difference = "YAML aliases are refused"
	// tag: goldmark-meta reads YAML tags ("!!str 2026", "!"); handouts
	// refuses them, since a key's type is known without one, and the YAML
	// library it uses misreads a tag that ends its line ("A: !\nB: 1"
	// puts B inside A).
	tag difference = "YAML tags (!x) are refused"
	// noKeys: a front matter of no keys is where the two disagree most: a
	// lone control character or "?" is empty to goldmark-meta and an error
	// to handouts, which says that front matter is "key: value" lines, and
	// so is YAML that yaml.v2 lets by ("{}0").
	noKeys difference = "a front matter of no keys is not read as empty"
	// longFence: goldmark-meta opens and closes front matter with any line
	// of dashes ("-----", "-"); handouts only with exactly "---", so a
	// lone "-" inside is a list item.
	longFence difference = `only "---" opens and closes front matter`
)

// errNoStruct says that no struct can hold what goldmark-meta read: a key
// that is not a name, a list of mixed values, a key that is a list.
var errNoStruct = errors.New("no struct type holds these values")

// gmRead reads doc as goldmark-meta does: its metadata, or its error, and
// the page it renders.
func gmRead(doc []byte) (map[string]any, string, error) {
	md := goldmark.New(goldmark.WithExtensions(meta.Meta))
	ctx := parser.NewContext()
	var page bytes.Buffer
	if err := md.Convert(doc, &page, parser.WithContext(ctx)); err != nil {
		return nil, "", err
	}
	m, err := meta.TryGet(ctx)
	return m, page.String(), err
}

// ourRead reads doc as handouts does, into a struct with a field of the
// type of each value goldmark-meta read (values, by key), and returns the
// values read back in goldmark-meta's shapes, and the problems.
func ourRead(doc []byte, like map[string]any) (map[string]any, frontmatter.Doc, []error) {
	d, err := frontmatter.Split(frontmatter.Normalize(doc))
	if err != nil {
		return nil, d, []error{err}
	}
	if !d.HasFrontMatter {
		return nil, d, nil
	}
	t, ok := structFor(like)
	if !ok {
		return nil, d, []error{errNoStruct}
	}
	v := reflect.New(t)
	errs := frontmatter.Decode("x.md", d.YAML, d.YAMLLine, v.Interface())
	return valuesOf(v.Elem()), d, errs
}

// structFor makes a struct type with a field for each key of m, typed as
// its value is; false when a key or value has no such field.
func structFor(m map[string]any) (reflect.Type, bool) {
	var fields []reflect.StructField
	for i, k := range slices.Sorted(mapsKeys(m)) {
		if !keyName.MatchString(k) {
			return nil, false // typed front matter's keys are names, in both tools
		}
		t, ok := typeFor(m[k])
		if !ok {
			return nil, false
		}
		fields = append(fields, reflect.StructField{Name: fmt.Sprintf("F%d", i), Type: t, Tag: reflect.StructTag(`fm:"` + k + `"`)})
	}
	return reflect.StructOf(fields), true
}

func typeFor(v any) (reflect.Type, bool) {
	switch v := v.(type) {
	case string, nil:
		return reflect.TypeFor[string](), true
	case bool:
		return reflect.TypeFor[bool](), true
	case int:
		return reflect.TypeFor[int](), true
	case float64:
		return reflect.TypeFor[float64](), true
	case time.Time:
		return reflect.TypeFor[frontmatter.Date](), true
	case []any:
		if len(v) == 0 {
			return reflect.TypeFor[[]string](), true
		}
		if _, ok := v[0].(map[any]any); ok {
			// A list of sets of keys, like sources: one struct with every
			// key any of them has.
			union := map[any]any{}
			for _, e := range v {
				m, ok := e.(map[any]any)
				if !ok {
					return nil, false
				}
				for k, x := range m {
					if union[k] == nil {
						union[k] = x
					}
				}
			}
			elem, ok := typeFor(union)
			if !ok {
				return nil, false // a key that is not a name: "[0: x]"
			}
			return reflect.SliceOf(elem), true
		}
		elem, ok := typeFor(v[0])
		if !ok {
			return nil, false
		}
		for _, e := range v[1:] {
			if t, ok2 := typeFor(e); !ok2 || t != elem {
				return nil, false
			}
		}
		return reflect.SliceOf(elem), true
	case map[any]any:
		m := map[string]any{}
		for k, e := range v {
			s, ok := k.(string)
			if !ok {
				return nil, false
			}
			m[s] = e
		}
		return structFor(m)
	}
	return nil, false
}

// valuesOf reads a decoded struct back as goldmark-meta's shapes.
func valuesOf(v reflect.Value) map[string]any {
	out := map[string]any{}
	for i := range v.NumField() {
		out[v.Type().Field(i).Tag.Get("fm")] = valueOf(v.Field(i))
	}
	return out
}

func valueOf(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Slice:
		out := make([]any, v.Len())
		for i := range out {
			out[i] = valueOf(v.Index(i))
		}
		return out
	case reflect.Struct:
		if d, ok := v.Interface().(frontmatter.Date); ok {
			return d.String()
		}
		return valuesOf(v)
	}
	return v.Interface()
}

// normal puts goldmark-meta's values in the shapes valuesOf gives.
func normal(v any) any {
	switch v := v.(type) {
	case nil:
		return ""
	case time.Time:
		return v.Format(time.DateOnly)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = normal(e)
		}
		return out
	case map[any]any:
		out := map[string]any{}
		for k, e := range v {
			out[fmt.Sprint(k)] = normal(e)
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			out[k] = normal(e)
		}
		return out
	}
	return v
}

func mapsKeys(m map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

var (
	keyName         = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)
	dashLine        = regexp.MustCompile(`(?m)^[ \t]*-+[ \t]*$`)
	explicitKeyLine = regexp.MustCompile(`(?m)^[ \t]*\?([ \t]|$)`)
	yaml11Num       = regexp.MustCompile(`0[xXoObB]|[0-9]_|_[0-9]|[0-9]:[0-9]`)
	// yaml11Word is the value a true/false key refused, when it is one of
	// YAML 1.1's words for true or false: read from the message, so it
	// holds wherever the word stands (after a key, on a line of its own,
	// in a flow mapping).
	yaml11Word = regexp.MustCompile(`expected true or false, found "(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)"$`)
)

// compare reads doc both ways and returns the differences it shows, or an
// error for a difference that is not on the list.
func compare(doc []byte) ([]difference, error) {
	doc = frontmatter.Normalize(doc)
	first, _, _ := strings.Cut(string(doc), "\n")
	gm, page, gmErr := gmRead(doc)
	if strings.Trim(strings.TrimSpace(first), "-") != "" || strings.TrimSpace(first) == "" {
		return nil, nil // no front matter for goldmark-meta
	}
	if strings.TrimSpace(first) != "---" {
		return []difference{longFence}, nil
	}
	if gmErr != nil {
		// Both refuse it; goldmark-meta puts the front matter and its error
		// into the page, handouts reports the error.
		_, _, errs := ourRead(doc, map[string]any{})
		if len(errs) > 0 {
			if !strings.Contains(page, "<!-- ") {
				return nil, fmt.Errorf("goldmark-meta failed (%v) but did not render the error into the page", gmErr)
			}
			return []difference{brokenYAML}, nil
		}
		// goldmark-meta fails where the YAML is fine for handouts: a front
		// matter of no keys, or "..." it reads as YAML.
		var required struct {
			Title string `fm:"title,required"`
		}
		d, _ := frontmatter.Split(doc)
		if errs := frontmatter.Decode("x.md", d.YAML, d.YAMLLine, &required); d.HasFrontMatter && len(errs) == 1 &&
			strings.Contains(errs[0].Error(), `missing required key "title"`) {
			return []difference{noKeys}, nil
		}
		if d.HasFrontMatter && bytes.Contains(doc[:d.BodyOffset], []byte("\n...")) {
			return []difference{dotsFence}, nil
		}
		return nil, fmt.Errorf("goldmark-meta fails (%v); handouts reads it (%v)", gmErr, errs)
	}
	ours, d, errs := ourRead(doc, gm)
	if slices.Contains(errs, errNoStruct) {
		return nil, nil // keys or values no typed front matter can hold: nothing to compare
	}
	if dashLine.Match(d.YAML) {
		// goldmark-meta closed the front matter at this line of dashes.
		return []difference{longFence}, nil
	}
	var found []difference
	if d.HasFrontMatter && d.BodyOffset > 0 {
		if fence := strings.TrimSpace(lastLine(string(doc[:d.BodyOffset]))); fence == "..." {
			found = append(found, dotsFence)
		}
	}
	for _, e := range errs {
		if strings.Contains(e.Error(), "invisible control character") {
			return []difference{controlChar}, nil
		}
		if strings.Contains(e.Error(), "is given twice") {
			// goldmark-meta kept the last value of the key, whose type
			// the struct has: the first value may not fit it.
			return []difference{duplicateKey}, nil
		}
	}
	for _, e := range errs {
		msg := e.Error()
		switch {
		case yaml11Word.MatchString(msg):
			found = append(found, yaml11Bool)
		case strings.Contains(msg, "number, found") && yaml11Num.Match(d.YAML):
			found = append(found, yaml11Number)
		case (strings.Contains(msg, "keys must be plain words") || strings.Contains(msg, `must be a set of "key: value" lines`)) && explicitKeyLine.Match(d.YAML):
			// A "?" that ends its line starts an explicit key to
			// goldmark-meta; the YAML library reads it and the next line
			// as one text ("? A"), which is not a set of keys either.
			found = append(found, explicitKey)
		case strings.Contains(msg, "is given twice"):
			found = append(found, duplicateKey)
		case strings.Contains(msg, "needs no YAML tags") && bytes.ContainsRune(d.YAML, '!'):
			found = append(found, tag)
		case strings.Contains(msg, "aliases") || strings.Contains(msg, "anchor") && bytes.ContainsAny(d.YAML, "&*"):
			found = append(found, alias)
		case len(gm) == 0:
			found = append(found, noKeys)
		case strings.Contains(msg, "not valid YAML"):
			found = append(found, lenientYAML)
		default:
			return nil, fmt.Errorf("handouts: %v; goldmark-meta read %.200v", e, gm)
		}
	}
	if len(errs) > 0 || slices.Contains(found, dotsFence) {
		return found, nil
	}
	for k, want := range gm {
		if got, want := ours[k], normal(want); !same(got, want) {
			if outdented(d.YAML) {
				return []difference{lenientYAML}, nil
			}
			return nil, fmt.Errorf("key %q: handouts reads %#v, goldmark-meta %#v", k, got, want)
		}
	}
	return found, nil
}

// same reports whether handouts read got where goldmark-meta read want:
// the same values for every key goldmark-meta has (a struct has a field
// for keys that other entries of a list have).
func same(got, want any) bool {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return false
		}
		for k, v := range w {
			if !same(g[k], v) {
				return false
			}
		}
		return true
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !same(g[i], w[i]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(got, want)
}

// outdented reports whether a line of y is indented less than its first
// line, which breaks YAML's rules in a way each library reads differently.
func outdented(y []byte) bool {
	first := -1
	for _, line := range strings.Split(string(y), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		indent := len(line) - len(strings.TrimLeft(line, " \t"))
		if first < 0 {
			first = indent
		} else if indent < first {
			return true
		}
	}
	return false
}

func lastLine(s string) string {
	s = strings.TrimSuffix(s, "\n")
	return s[strings.LastIndexByte(s, '\n')+1:]
}

// TestGoldmarkMetaDifferences shows each listed difference on a small
// front matter, and that handouts reads the plain cases as goldmark-meta
// does.
func TestGoldmarkMetaDifferences(t *testing.T) {
	for _, tt := range []struct {
		doc  string
		want []difference
	}{
		{"---\ntitle: \"Hand expression\"\nweight: 3\ndraft: true\ntopics: [a, b]\nreviewed: 2026-01-02\n---\nBody\n", nil},
		{"---\ntitle: 'single'\nsummary: >\n  folded\n  text\nlist:\n  - one\n  - two\n---\n", nil},
		{"---\nsources:\n  - title: A\n    url: https://a.example/\n    year: 2022\nprint: {max_pages: 2}\n---\n", nil},
		{"---\ntitle: 2026\nscore: 1.5\n---\n", nil},
		{"---\ndraft: yes\n---\n", []difference{yaml11Bool}},
		{"---\ndraft: off\n---\n", []difference{yaml11Bool}},
		{"---\ntitle: x\n...\nBody\n", []difference{dotsFence}},
		{"---\nweight: 0X1F\n---\n", []difference{yaml11Number}},
		{"---\nweight: 1_000\n---\n", nil}, // a thousand to both
		{"---\nweight: 08\n---\n", nil},    // eight to both
		{"---\ntitle: a\ntitle: b\n---\n", []difference{duplicateKey}},
		{"---\ntitle: y\n---\n", []difference{yaml11Bool}},     // goldmark-meta's title is the boolean true
		{"---\n{draft: Y}\n---\n", []difference{yaml11Bool}},   // in a flow mapping
		{"---\ndraft:\n  on\n---\n", []difference{yaml11Bool}}, // on a line of its own
		{"---\ndraft:  No   \n---\n", []difference{yaml11Bool}},
		{"---\ndraft: yes please\n---\n", nil}, // text to both
		{"---\nweight: 010\n---\n", nil},       // eight to both
		{"---\ntitle:\n---\n", nil},            // empty to both
		{"---\ntitle: ~\n---\n", nil},
		{"---\nweight: 1\nweight: 2\n---\n", []difference{duplicateKey}},
		{"---\ntitle: [a\n---\nBody\n", []difference{brokenYAML}},
		{"---\na: &x 1\nb: *x\n---\n", []difference{alias}},
		{"---\n!\n---\n", []difference{brokenYAML}}, // a lone tag: both refuse it
		{"---\ntitle: !!str 2026\n---\n", []difference{tag}},
		{"---\ntitle: !\nsummary: x\n---\n", []difference{tag}},
		{"---\n{}0\n---\n", []difference{noKeys}},
		{"---\n? title\n: x\n---\n", []difference{explicitKey}},
		{"---\n?\n title\n---\n", []difference{explicitKey}},  // the "?" alone on its line
		{"---\ntitle: Hand\texpression\n---\n", nil},          // the tab is kept
		{"---\ntitle: a\fb\n---\n", []difference{brokenYAML}}, // both refuse it
		{"---\ntitle:\n\f\n---\n", []difference{controlChar}},
		{"---\n title: x\nweight\n---\n", []difference{lenientYAML}},
		{"-----\ntitle: x\n-----\nBody\n", []difference{longFence}},
	} {
		got, err := compare([]byte(tt.doc))
		if err != nil {
			t.Errorf("%q: %v", tt.doc, err)
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: differences %q, want %q", tt.doc, got, tt.want)
		}
	}
}

// TestGoldmarkMetaCorpus reads every front matter of the real content, the
// test data and the fuzz corpus both ways: each reads the same, or differs
// only as listed.
func TestGoldmarkMetaCorpus(t *testing.T) {
	var docs []string
	add := func(root string, wrap bool) {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			switch {
			case wrap: // a fuzz corpus entry: the YAML between the fences
				for _, v := range fuzzValues(b) {
					docs = append(docs, p+"\x00---\n"+v+"\n---\nBody\n")
				}
			case strings.HasSuffix(p, ".md"):
				docs = append(docs, p+"\x00"+string(b))
			}
			return nil
		})
	}
	add("../../content", false)
	add("..", false) // every package's testdata
	add("testdata/fuzz", true)
	if len(docs) < 20 {
		t.Fatalf("only %d documents found", len(docs))
	}
	seen := map[difference]int{}
	for _, d := range docs {
		name, doc, _ := strings.Cut(d, "\x00")
		diffs, err := compare([]byte(doc))
		if err != nil {
			t.Errorf("%s: %.300v", name, err)
		}
		for _, df := range diffs {
			seen[df]++
		}
	}
	t.Logf("%d documents; differences: %v", len(docs), seen)
}

// FuzzGoldmarkMeta reads any front matter both ways: each reads the same,
// or differs only as listed.
func FuzzGoldmarkMeta(f *testing.F) {
	for _, s := range []string{"title: x", "draft: yes", "a: 1\na: 2", "x: [1, 2]", "t: 2026-01-02", "m: {a: b}", "w: 010"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, yaml string) {
		if _, err := compare([]byte("---\n" + yaml + "\n---\nBody\n")); err != nil {
			t.Fatal(err)
		}
	})
}

// fuzzValues reads the string or []byte values of a Go fuzz corpus file.
func fuzzValues(b []byte) []string {
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		for _, prefix := range []string{"string(", "[]byte("} {
			if strings.HasPrefix(line, prefix) && strings.HasSuffix(line, ")") {
				if v, err := strconv.Unquote(line[len(prefix) : len(line)-1]); err == nil {
					out = append(out, v)
				}
			}
		}
	}
	return out
}
