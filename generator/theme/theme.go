// Package theme loads a site's look: the html/template layouts under
// themes/NAME/layouts/ and the static files under themes/NAME/static/.
//
// Templates are named by their path from the site's root
// (themes/default/layouts/handout.html), so every template error leads with
// the file, line and column it concerns. CSS and JavaScript are minified and
// get a content hash in their names, so browsers can cache them for a year.
package theme

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"

	"handouts/generator/diag"
	"handouts/generator/minify"
)

// Layouts every theme provides, one per kind of page.
var Layouts = []string{"home", "handout", "page", "packet", "list", "topics", "topic", "404", "alias"}

// File is a static output of the theme.
type File struct {
	Name string // slash path below the theme's static folder, as written
	Out  string // slash path below the destination, with a hash in the name of CSS and JavaScript
	Data []byte
}

// Theme is a loaded theme.
type Theme struct {
	// Dir is the theme's folder from the site's root ("themes/default").
	Dir string
	// layouts are the templates as written; fast the same templates
	// minified, which Render executes (see loadLayouts).
	layouts map[string]*template.Template
	fast    map[string]*template.Template
	// Minified is true when Render writes minified HTML, given minified
	// HTML values in its data: false when the minified templates could
	// not be made, and Render runs the templates as written.
	Minified bool
	// assets are the static files' links, by their names as written.
	assets map[string]string
	// link gives the link a page writes to a static output file.
	link func(string) string
	// Files are the theme's static outputs, minified and with hashed names
	// where they are CSS or JavaScript.
	Files []File
}

// Load reads the theme in fsys at dir (slash-separated, from the site's
// root). link gives the link a page writes to one of the theme's static
// files, by its output path ("css/site.1a2b3c4d.css"): package address
// knows where the site is published.
func Load(fsys fs.FS, dir string, m *minify.Minifier, link func(out string) string) (*Theme, []error) {
	t := &Theme{Dir: dir, layouts: map[string]*template.Template{}, fast: map[string]*template.Template{}, assets: map[string]string{}, link: link}
	st, err := fs.Stat(fsys, dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, []error{diag.Errorf(diag.Pos{Path: dir}, "cannot read the theme: %v; make it a folder inside the site's folder", unwrapPath(err))}
	}
	if err != nil || !st.IsDir() {
		return nil, []error{diag.Errorf(diag.Pos{Path: dir}, "theme folder not found: create it, or set theme in content/_index.md to a folder under themes/")}
	}
	var errs []error
	errs = append(errs, t.loadStatic(fsys, m)...)
	errs = append(errs, t.loadLayouts(fsys, m)...)
	return t, errs
}

func (t *Theme) loadStatic(fsys fs.FS, m *minify.Minifier) []error {
	var errs []error
	root := t.Dir + "/static"
	if _, err := fs.Stat(fsys, root); errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return []error{diag.Errorf(diag.Pos{Path: root}, "cannot read: %v; make it a folder inside the site's folder", unwrapPath(err))}
	}
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, diag.Errorf(diag.Pos{Path: p}, "cannot read: %v", err))
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") && p != root {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if st, err := fs.Stat(fsys, p); err != nil || st.IsDir() {
				errs = append(errs, diag.Errorf(diag.Pos{Path: p}, "is a symbolic link that leads outside the theme, to a folder or in a loop; replace it with the file itself"))
				return nil
			}
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs = append(errs, diag.Errorf(diag.Pos{Path: p}, "cannot read: %v", err))
			return nil
		}
		rel := strings.TrimPrefix(p, root+"/")
		var out bytes.Buffer
		if err := m.Bytes(&out, rel, src); err != nil {
			errs = append(errs, diag.Errorf(diag.Pos{Path: p}, "%v", err))
			return nil
		}
		name := rel
		if ext := path.Ext(rel); ext == ".css" || ext == ".js" {
			sum := sha256.Sum256(out.Bytes())
			name = strings.TrimSuffix(rel, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		}
		t.assets[rel] = t.link(name)
		t.Files = append(t.Files, File{Name: rel, Out: name, Data: out.Bytes()})
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	return errs
}

// loadLayouts parses the layouts twice: as written, for their errors and
// positions, and minified, for Render to run. Minifying a template once
// instead of every page made from it saves most of the minifier's work on
// a handout's page: only the values put into the page (its Markdown body)
// still need minifying. When the minified templates cannot be made, Render
// runs the templates as written, and Minified is false.
func (t *Theme) loadLayouts(fsys fs.FS, m *minify.Minifier) []error {
	dir := t.Dir + "/layouts"
	funcs := template.FuncMap{
		"asset": t.Asset,
		"wbr":   wbr,
	}
	shared := template.New("").Funcs(funcs).Option("missingkey=error")
	fast := template.New("").Funcs(funcs).Option("missingkey=error")
	fastOK := true
	// parse adds the template file name to set and its minified copy to
	// fastSet.
	parse := func(set, fastSet *template.Template, name, src string) error {
		if _, err := set.New(name).Parse(src); err != nil {
			return Error(err)
		}
		if !fastOK {
			return nil
		}
		if actionInRawText(src) {
			fastOK = false // the minifier would read the action as script or style
			return nil
		}
		min, err := m.Template([]byte(src))
		if err == nil {
			_, err = fastSet.New(name).Parse(string(min))
		}
		fastOK = err == nil
		return nil
	}
	var errs []error
	partials, _ := fs.Glob(fsys, dir+"/partials/*.html")
	for _, name := range append([]string{dir + "/base.html"}, partials...) {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, diag.Errorf(diag.Pos{Path: name}, "cannot read the theme's template: %v; make it a readable file inside the theme's folder", unwrapPath(err)))
			continue
		}
		if err := parse(shared, fast, name, string(src)); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	for _, layout := range Layouts {
		name := dir + "/" + layout + ".html"
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, diag.Errorf(diag.Pos{Path: name}, "the theme has no %s layout: add this file", layout))
			continue
		}
		tpl, err := shared.Clone()
		if err != nil {
			errs = append(errs, Error(err))
			continue
		}
		fastTpl, err := fast.Clone()
		fastOK = fastOK && err == nil
		if err := parse(tpl, fastTpl, name, string(src)); err != nil {
			errs = append(errs, err)
			continue
		}
		t.layouts[layout] = tpl.Lookup(name)
		if fastOK {
			t.fast[layout] = fastTpl.Lookup(name)
		}
	}
	t.Minified = fastOK
	if !fastOK {
		t.fast = t.layouts
	}
	return errs
}

// rawText finds the elements whose content HTML does not parse as markup:
// a minifier would treat an action inside them as CSS, JavaScript or
// preformatted text.
var rawText = regexp.MustCompile(`(?is)<(script|style|pre|textarea)\b[^>]*>(.*?)</(script|style|pre|textarea)\s*>`)

// actionInRawText reports whether a template has an action inside such an
// element, which only the template as written is sure to keep as meant.
func actionInRawText(src string) bool {
	for _, m := range rawText.FindAllStringSubmatch(src, -1) {
		if strings.Contains(m[2], "{{") {
			return true
		}
	}
	return false
}

// Asset returns the link to the theme's static file rel ("css/site.css"),
// with its content hash in the name. An unknown file is an error, so a typo
// in a template fails the build instead of publishing a broken link.
func (t *Theme) Asset(rel string) (string, error) {
	if u, ok := t.assets[rel]; ok {
		return u, nil
	}
	return "", fmt.Errorf("no static file %q in %s/static", rel, t.Dir)
}

// Render executes layout with data, writing HTML to w: minified HTML when
// Minified is true and the HTML values in data are minified. Errors lead
// with the template's path, line and column.
func (t *Theme) Render(w io.Writer, layout string, data any) error {
	tpl, ok := t.fast[layout]
	if !ok {
		return fmt.Errorf("theme %s has no layout %q", t.Dir, layout)
	}
	if err := tpl.Execute(w, data); err != nil {
		// The minified template's lines and columns are not the file's:
		// the template as written fails at the same action and says where.
		if err := t.layouts[layout].Execute(io.Discard, data); err != nil {
			return Error(err)
		}
		return Error(err)
	}
	return nil
}

// Error turns a template error ("template: themes/x/layouts/a.html:12:5: msg")
// into a positioned finding. Templates are named by their path, so the
// position the template package reports is the file's own.
func Error(err error) error {
	var te *template.Error
	if errors.As(err, &te) && te.Name != "" {
		return diag.Errorf(diag.Pos{Path: te.Name, Line: te.Line}, "%s", te.Description)
	}
	msg := strings.TrimPrefix(err.Error(), "template: ")
	name, rest, ok := strings.Cut(msg, ":")
	if !ok || !strings.HasSuffix(name, ".html") {
		return err
	}
	pos := diag.Pos{Path: name}
	for _, p := range []*int{&pos.Line, &pos.Col} {
		num, after, ok := strings.Cut(rest, ":")
		n, convErr := strconv.Atoi(num)
		if !ok || convErr != nil {
			break
		}
		*p, rest = n, after
	}
	return diag.Errorf(pos, "%s", strings.TrimSpace(rest))
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// wbr escapes an address and lets it wrap after each slash, so a long one
// printed in a narrow column breaks between its parts, not inside a word.
func wbr(s string) template.HTML {
	return template.HTML(strings.ReplaceAll(template.HTMLEscapeString(s), "/", "/<wbr>"))
}
