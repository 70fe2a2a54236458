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
	texttemplate "text/template"
	"text/template/parse"
	"unicode/utf8"

	"handouts/generator/diag"
	"handouts/generator/minify"
)

// Layouts every theme provides, one per kind of page.
var Layouts = []string{"home", "handout", "page", "packet", "list", "topics", "topic", "404", "alias", "search", "clinic", "custom"}

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
	// partials are base.html and the partials, as written and minified,
	// for Fragment.
	partials, fastPartials *template.Template
	// Minified is true when Render writes minified HTML, given minified
	// HTML values in its data: false when the minified templates could
	// not be made, and Render runs the templates as written.
	Minified bool
	// assets are the static files' links, by their names as written.
	assets map[string]string
	// link gives the link a page writes to a static output file.
	link func(string) string
	// sources are the layouts' text by name, to place errors.
	sources map[string]string
	// strings are the interface's words, by language.
	strings map[string]*Strings
	// Files are the theme's static outputs, minified and with hashed names
	// where they are CSS or JavaScript.
	Files []File
}

// Options say how to load a theme.
type Options struct {
	// Minifier minifies the static files and the layouts.
	Minifier *minify.Minifier
	// Link gives the link a page writes to one of the theme's static
	// files, by its output path ("css/site.1a2b3c4d.css"): package address
	// knows where the site is published.
	Link func(out string) string
	// Languages are the site's languages, whose strings the theme must
	// have (i18n/LANG.yaml).
	Languages []string
}

// Load reads the theme in fsys at dir (slash-separated, from the site's
// root).
func Load(fsys fs.FS, dir string, opt Options) (*Theme, []error) {
	m := opt.Minifier
	t := &Theme{Dir: dir, layouts: map[string]*template.Template{}, fast: map[string]*template.Template{}, assets: map[string]string{},
		link: opt.Link, sources: map[string]string{}, strings: map[string]*Strings{}}
	st, err := fs.Stat(fsys, dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, []error{diag.Errorf(diag.Pos{Path: dir}, "cannot read the theme: %v; make it a folder inside the site's folder", unwrapPath(err)).WithKind(KindTheme)}
	}
	if err != nil || !st.IsDir() {
		return nil, []error{diag.Errorf(diag.Pos{Path: dir}, "theme folder not found: create it, or set theme in content/_index.md to a folder under themes/").WithKind(KindTheme)}
	}
	var errs []error
	for _, lang := range opt.Languages {
		s, sErrs := loadStrings(fsys, dir, lang)
		errs = append(errs, sErrs...)
		t.strings[lang] = s
	}
	errs = append(errs, t.loadStatic(fsys, m)...)
	errs = append(errs, t.loadLayouts(fsys, m)...)
	return t, errs
}

// Strings returns the theme's words in the language lang, one of the
// languages it was loaded for.
func (t *Theme) Strings(lang string) *Strings { return t.strings[lang] }

func (t *Theme) loadStatic(fsys fs.FS, m *minify.Minifier) []error {
	var errs []error
	root := t.Dir + "/static"
	if _, err := fs.Stat(fsys, root); errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return []error{diag.Errorf(diag.Pos{Path: root}, "cannot read: %v; make it a folder inside the site's folder", unwrapPath(err)).WithKind(KindTheme)}
	}
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, diag.Errorf(diag.Pos{Path: p}, "cannot read: %v", err).WithKind(KindTheme))
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
				errs = append(errs, diag.Errorf(diag.Pos{Path: p}, "is a symbolic link that leads outside the theme, to a folder or in a loop; replace it with the file itself").WithKind(KindTheme))
				return nil
			}
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs = append(errs, diag.Errorf(diag.Pos{Path: p}, "cannot read: %v", err).WithKind(KindTheme))
			return nil
		}
		rel := strings.TrimPrefix(p, root+"/")
		var out bytes.Buffer
		if err := m.Bytes(&out, rel, src); err != nil {
			errs = append(errs, diag.Errorf(diag.Pos{Path: p}, "%v", err).WithKind(KindTheme))
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
		"fill":  fill,
	}
	shared := template.New("").Funcs(funcs).Option("missingkey=error")
	fast := template.New("").Funcs(funcs).Option("missingkey=error")
	fastOK := true
	// parse adds the template file name to set and its minified copy to
	// fastSet.
	parse := func(set, fastSet *template.Template, name, src string) error {
		t.sources[name] = src
		if _, err := set.New(name).Parse(src); err != nil {
			return t.error(err)
		}
		if err := handlerAttr(name, src); err != nil {
			return err
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
			errs = append(errs, diag.Errorf(diag.Pos{Path: name}, "cannot read the theme's template: %v; make it a readable file inside the theme's folder", unwrapPath(err)).WithKind(KindTheme))
			continue
		}
		if err := parse(shared, fast, name, string(src)); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	// Clones for Fragment, made before any set is executed (after which
	// html/template no longer clones it).
	var err error
	if t.partials, err = shared.Clone(); err != nil {
		return []error{t.error(err)}
	}
	if t.fastPartials, err = fast.Clone(); err != nil {
		fastOK = false
	}
	for _, layout := range Layouts {
		name := dir + "/" + layout + ".html"
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, diag.Errorf(diag.Pos{Path: name}, "the theme has no %s layout: add this file", layout).WithKind(KindTheme))
			continue
		}
		tpl, err := shared.Clone()
		if err != nil {
			errs = append(errs, t.error(err))
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
		t.fast, t.fastPartials = t.layouts, t.partials
	}
	return errs
}

// rawText finds the elements whose content HTML does not parse as markup:
// a minifier would treat an action inside them as CSS, JavaScript or
// preformatted text.
var rawText = regexp.MustCompile(`(?is)<(script|style|pre|textarea)\b[^>]*>(.*?)</(script|style|pre|textarea)\s*>`)

// actionInRawText reports whether a template has an action inside such an
// element, which only the template as written is sure to keep as meant.
// scriptAttr finds an attribute that Go's templates read as an event
// handler (on…, and data-on… or xmlns:on…, which they strip to on…) with
// an action in its value.
var scriptAttr = regexp.MustCompile(`(?i)[\s"'](?:data-|xmlns:)?on[a-z0-9_.:-]*\s*=\s*(?:"[^"]*|'[^']*|[^\s>]*)\{\{`)

// handlerAttr refuses an action in an attribute that Go's templates treat
// as an event handler: they write its value as a JavaScript string, quotes
// and all, so data-one="{{.T.X}}" reaches the page as "\"1 handout\"". The
// site's Content-Security-Policy runs no inline handler anyway.
func handlerAttr(name, src string) error {
	loc := scriptAttr.FindStringIndex(src)
	if loc == nil {
		return nil
	}
	at := loc[0] + 1 // the attribute's first character
	line := strings.Count(src[:at], "\n") + 1
	col := utf8.RuneCountInString(src[strings.LastIndex(src[:at], "\n")+1:at]) + 1
	attr, _, _ := strings.Cut(src[at:], "=")
	return diag.Errorf(diag.Pos{Path: name, Line: line, Col: col},
		"attribute %s holds an action, and Go's templates treat an attribute named on… (or data-on…) as an event handler, writing its value as a JavaScript string with its quotes; rename the attribute (data-single instead of data-one, say)", strings.TrimSpace(attr)).WithKind(KindTheme)
}

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
	return "", &missingAsset{rel: rel, dir: t.Dir}
}

// missingAsset is the error of asset for a file the theme does not have.
type missingAsset struct{ rel, dir string }

func (e *missingAsset) Error() string {
	return fmt.Sprintf("no static file %q in %s/static: add it there, or correct the name", e.rel, e.dir)
}

// Render executes layout with data, writing HTML to w: minified HTML when
// Minified is true and the HTML values in data are minified. Errors lead
// with the template's path, line and column.
func (t *Theme) Render(w io.Writer, layout string, data any) error {
	tpl, ok := t.fast[layout]
	if !ok {
		return fmt.Errorf("theme %s has no layout %q", t.Dir, layout)
	}
	return t.execute(tpl, t.layouts[layout], w, data)
}

// execute runs fast, the minified copy of the template written, with data,
// writing to w; on an error, it runs written too, for the error's place:
// the minified template's lines and columns are not the file's, and the
// template as written fails at the same action and says where.
func (t *Theme) execute(fast, written *template.Template, w io.Writer, data any) error {
	if err := fast.Execute(w, data); err != nil {
		if err := written.Execute(io.Discard, data); err != nil {
			return t.error(err)
		}
		return t.error(err)
	}
	return nil
}

// Fragment executes the template name, defined in base.html or a
// partial, with data, and returns the HTML it writes: a list entry the
// site renders once with its page and joins into every list that shows
// it, so that a list of ten thousand entries is copied, not executed.
// It is minified as Render's output is.
func (t *Theme) Fragment(name string, data any) (template.HTML, error) {
	tpl := t.fastPartials.Lookup(name)
	if tpl == nil {
		return "", fmt.Errorf("theme %s has no template %q: define it in a file in %s/layouts/partials", t.Dir, name, t.Dir)
	}
	var b strings.Builder
	if err := t.execute(tpl, t.partials.Lookup(name), &b, data); err != nil {
		return "", err
	}
	// Kept to the end of the build, for every list that shows it: a copy
	// of its own size rather than the builder's, which has room to spare.
	return template.HTML(strings.Clone(b.String())), nil
}

// KindTheme is the diag.Diagnostic Kind of every finding about the theme:
// its folder, templates and static files.
const KindTheme = "theme"

// Error turns a template error ("template: themes/x/layouts/a.html:12:5: msg")
// into a positioned finding that says what to do. Templates are named by
// their path, so the position the template package reports is the file's
// own: the line of a syntax error, and the line and column of an error
// found while escaping or running the template. The template package
// counts a column in bytes from 0; Error counts from 1, and in characters
// where the Theme that made the error knows the line (Theme.Render).
func Error(err error) error {
	return templateError(err, nil)
}

// error is Error for the theme's own templates, whose text it keeps.
func (t *Theme) error(err error) error {
	return templateError(err, t.sources)
}

// templateError is Error, with the text of each template file by name, to
// count columns in characters.
func templateError(err error, sources map[string]string) error {
	var te *template.Error
	if errors.As(err, &te) && te.Name != "" {
		pos := diag.Pos{Path: te.Name, Line: te.Line}
		if name, line, col, ok := nodePos(te.Node); ok {
			pos = diag.Pos{Path: name, Line: line, Col: column(sources[name], line, col)}
		}
		return diag.Errorf(pos, "%s", escapeMessage(te)).WithKind(KindTheme)
	}
	var exec texttemplate.ExecError
	running := errors.As(err, &exec)
	msg := strings.TrimPrefix(err.Error(), "template: ")
	name, rest, ok := strings.Cut(msg, ":")
	if !ok || !strings.HasSuffix(name, ".html") {
		return err
	}
	// "LINE: msg" for a syntax error, "LINE:COL: msg" for one found running.
	pos := diag.Pos{Path: name}
	var nums []int
	for len(nums) < 2 {
		num, after, ok := strings.Cut(rest, ":")
		n, convErr := strconv.Atoi(num)
		if !ok || convErr != nil {
			break
		}
		nums, rest = append(nums, n), after
	}
	if len(nums) > 0 {
		pos.Line = nums[0]
	}
	if len(nums) > 1 {
		pos.Col = column(sources[name], nums[0], nums[1])
	}
	rest = strings.TrimSpace(rest)
	var missing *missingAsset
	switch {
	case errors.As(err, &missing):
		rest = strings.TrimPrefix(rest, fmt.Sprintf("executing %q at ", exec.Name)) // it says what to do
	case running:
		rest = strings.TrimPrefix(rest, fmt.Sprintf("executing %q at ", exec.Name)) +
			"; check the names in this action against the page's data, and guard a value that may be missing with {{with}} or {{if}}"
	default:
		rest += "; actions are written {{ ... }}, each {{if}}, {{range}}, {{with}}, {{block}} and {{define}} needs its {{end}}, and a layout may call asset, wbr and the functions of Go's templates"
	}
	return diag.Errorf(pos, "%s", rest).WithKind(KindTheme)
}

// column turns a column as the template package counts it, a byte offset
// from 0 in line of src, into a count of characters from 1, as diag.Pos
// counts. Without src, it counts bytes from 1.
func column(src string, line, byteCol int) int {
	text := diag.NewLines([]byte(src)).Line(line)
	if src == "" || byteCol > len(text) {
		return byteCol + 1
	}
	return 1 + utf8.RuneCountInString(text[:byteCol])
}

// nodePos returns the file, line and column (a byte offset from 0) of the
// template node n, as the template package reports them
// ("themes/x/layouts/a.html:12:5").
func nodePos(n parse.Node) (name string, line, col int, ok bool) {
	if n == nil {
		return "", 0, 0, false
	}
	defer func() {
		if recover() != nil { // a node without its tree: no position
			ok = false
		}
	}()
	loc, _ := (*parse.Tree)(nil).ErrorContext(n)
	rest, c, found := cutLast(loc, ":")
	if !found {
		return "", 0, 0, false
	}
	name, l, found := cutLast(rest, ":")
	line, lineErr := strconv.Atoi(l)
	col, colErr := strconv.Atoi(c)
	return name, line, col, found && lineErr == nil && colErr == nil && line > 0
}

func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// escapeMessage says what is wrong when html/template cannot escape a
// template, and what to do: its own descriptions of HTML contexts are
// written for the package's authors.
func escapeMessage(te *template.Error) string {
	switch te.ErrorCode {
	case template.ErrBranchEnd:
		return "the branches of this {{if}} or {{with}} leave the HTML in different states (one opens a tag, an attribute or a quote that another does not): open and close each within its branch"
	case template.ErrRangeLoopReentry:
		return "this {{range}} leaves the HTML in another state than it started (it opens a tag, an attribute or a quote without closing it): close each within the loop"
	case template.ErrEndContext:
		return "the template ends inside a tag, an attribute, a quote, a script or a comment: close it"
	case template.ErrNoSuchTemplate:
		return te.Description + ": define it with {{define}} in a file under partials/, or correct the name"
	case template.ErrBadHTML:
		return te.Description + ": fix the HTML around this action (quote attribute values, close each tag)"
	case template.ErrPredefinedEscaper:
		return te.Description + ": remove it, as every value is escaped for where it is written"
	case template.ErrAmbigContext, template.ErrPartialCharset, template.ErrPartialEscape, template.ErrSlashAmbig:
		return te.Description + ": move the action out of the URL, escape sequence or script, or put it in a quoted attribute of its own"
	}
	return te.Description + ": fix the template here"
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// fill is Fill for templates: {{fill .T.ReviewedBy "date" $d "name" $n}}.
func fill(pattern string, kv ...string) (string, error) {
	if len(kv)%2 != 0 {
		return "", fmt.Errorf("fill takes a string and name-value pairs; %d values is one short", len(kv))
	}
	return Fill(pattern, kv...), nil
}

// wbr escapes an address and lets it wrap after each slash, so a long one
// printed in a narrow column breaks between its parts, not inside a word.
func wbr(s string) template.HTML {
	return template.HTML(strings.ReplaceAll(template.HTMLEscapeString(s), "/", "/<wbr>"))
}
