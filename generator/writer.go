package generator

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"errors"
	"io/fs"
	"path"
	"strings"
	"sync"

	"handouts"
	"handouts/generator/activecontent"
	"handouts/generator/content"
	"handouts/generator/diag"
	"handouts/generator/minify"
	"handouts/generator/publish"
)

// writer minifies output files and sends them on: a full build writes them
// into its new output folder; an incremental build collects them, to write
// only what changed once the whole rebuild has succeeded. It notices when
// two sources would make the same file. Workers share it.
type writer struct {
	dir    *publish.Dir      // where a full build writes; nil when staging
	staged map[string][]byte // an incremental build's outputs, by path; nil in a dry run
	hash   bool              // record a hash of each output, for later rebuilds
	min    *minify.Minifier
	pool   sync.Pool

	mu      sync.Mutex
	outputs map[string]output // by output path
	folders map[string]string // output folder → an output file inside it
	diags   diag.List
}

// owner says what made an output file, for messages: a source file (at a
// line and column when one place in it made the file, as an alias does), a
// theme file, or a page the site makes from many sources.
type owner struct {
	pos  diag.Pos // the file, when a file made it
	what string   // otherwise what made it: "the handout list"
}

// source is the owner of what the file at path makes.
func source(path string) owner { return owner{pos: diag.Pos{Path: path}} }

// sourceAt is the owner of what one place in a source makes.
func sourceAt(pos diag.Pos) owner { return owner{pos: pos} }

// generated is the owner of a page the site makes: what names it in messages.
func generated(what string) owner { return owner{what: what} }

func (o owner) String() string {
	if o.pos.Path != "" {
		return o.pos.String()
	}
	return o.what
}

// content reports whether a content file made the output: the author's to
// rename, so messages lead with it.
func (o owner) content() bool { return strings.HasPrefix(o.pos.Path, content.Dir+"/") }

// output is what the build knows of one output file.
type output struct {
	owner owner
	// group says what must be rendered again to remake the file: the source
	// path of a page or static file, or one of the site's groups (groups.go).
	group string
	// sum is the hash of the file's bytes, when the writer records them.
	sum [sha256.Size]byte
}

func newWriter(dir *publish.Dir, m *minify.Minifier, hash bool) *writer {
	w := &writer{dir: dir, hash: hash, min: m, outputs: map[string]output{}}
	if dir == nil {
		w.staged = map[string][]byte{}
	}
	w.pool.New = func() any { return new(bytes.Buffer) }
	return w
}

// newDryWriter returns a writer for a dry run (Options.DryRun): it
// minifies every output and notices collisions, then drops the bytes.
func newDryWriter(m *minify.Minifier) *writer {
	w := newWriter(nil, m, false)
	w.staged = nil
	return w
}

// write minifies data by the file type of out and writes or stages it.
func (w *writer) write(out string, owner owner, group string, data []byte) {
	buf := w.pool.Get().(*bytes.Buffer)
	defer w.pool.Put(buf)
	buf.Reset()
	if err := w.min.Bytes(buf, out, data); err != nil {
		w.fail(diag.Errorf(owner.pos, "%w", err))
		return
	}
	w.put(out, owner, group, buf.Bytes())
}

// put writes or stages data, already minified, as the output file out.
func (w *writer) put(out string, owner owner, group string, data []byte) {
	w.putOwned(out, owner, group, data, false)
}

// give is put for data that the caller will not touch again: staged as it
// is rather than copied, which matters for a list of megabytes.
func (w *writer) give(out string, owner owner, group string, data []byte) {
	w.putOwned(out, owner, group, data, true)
}

func (w *writer) putOwned(out string, owner owner, group string, data []byte, given bool) {
	o := output{owner: owner, group: group}
	if w.hash {
		o.sum = sha256.Sum256(data)
	}
	if !w.claim(out, o) {
		return
	}
	if w.dir == nil {
		if w.staged != nil { // nil in a dry run
			w.mu.Lock()
			if !given {
				data = bytes.Clone(data)
			}
			w.staged[out] = data
			w.mu.Unlock()
		}
		return
	}
	if err := w.dir.WriteFile(out, data); err != nil {
		w.fail(diag.Errorf(owner.pos, "writing %s: %w", out, err))
	}
}

// claim records that o makes the output file out, and reports a collision
// when another source already did.
func (w *writer) claim(out string, o output) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if other, taken := w.outputs[out]; taken {
		w.diags.Add(collision(out, other.owner, o.owner))
		return false
	}
	// A file and a folder cannot share a name: feed.xml and feed.xml/a/
	// (from content/feed.xml/a.md) cannot both be made.
	for dir := range foldersOf(out) {
		if other, taken := w.outputs[dir]; taken {
			w.diags.Add(folderCollision(dir, other.owner, out, o.owner))
			return false
		}
	}
	if inside, taken := w.folders[out]; taken {
		w.diags.Add(folderCollision(out, o.owner, inside, w.outputs[inside].owner))
		return false
	}
	if w.folders == nil {
		w.folders = map[string]string{}
	}
	addFolders(w.folders, out)
	w.outputs[out] = o
	return true
}

// addFolders records out in folders, which maps each folder to the first
// output inside it by path, whichever was written first (pages are written
// on all cores), so that a clash names the same one on every build. A
// folder's is never after its subfolders'.
func addFolders(folders map[string]string, out string) {
	for dir := range foldersOf(out) {
		if inside, known := folders[dir]; known && inside <= out {
			return
		}
		folders[dir] = out
	}
}

// folderCollision reports a source making the file file where another
// makes inside, a file in a folder of the same name. It is positioned at a
// source file, chosen the same way whichever was written first.
func folderCollision(file string, fileOwner owner, inside string, insideOwner owner) error {
	if fileOwner.content() && (!insideOwner.content() || fileOwner.String() < insideOwner.String()) {
		return diag.Errorf(fileOwner.pos, "makes the file /%s, but %s makes /%s inside a folder of that name; rename or remove one of them",
			file, insideOwner, strings.TrimSuffix(inside, "index.html"))
	}
	return diag.Errorf(insideOwner.pos, "makes /%s, inside a folder /%s/, but %s makes a file of that name; rename or remove one of them",
		strings.TrimSuffix(inside, "index.html"), file, fileOwner)
}

// collision reports two sources making the same output file, positioned at
// whichever of them is a source file.
func collision(out string, a, b owner) error {
	// The message leads with a source file, and names the same one first
	// whichever output was written first: outputs are written on all cores.
	rank := func(o owner) int {
		if o.content() {
			return 0
		}
		return 1
	}
	if cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a.String(), b.String())) > 0 {
		a, b = b, a
	}
	return diag.Errorf(a.pos, "makes /%s, which %s also makes; rename or remove one of them",
		strings.TrimSuffix(out, "index.html"), b)
}

func (w *writer) fail(err error) {
	w.mu.Lock()
	w.diags.Add(err)
	w.mu.Unlock()
}

// copyStatic writes the content folder's non-Markdown files for which keep
// returns true, and, when theme is set, the theme's static files.
func (w *writer) copyStatic(s *site, keep func(f *content.File) bool, theme bool) {
	for i := range s.files {
		f := &s.files[i]
		if f.Kind != content.Static || !keep(f) {
			continue
		}
		data, err := s.read(f, 0)
		if err != nil {
			w.fail(diag.Errorf(diag.Pos{Path: f.Path}, "cannot read: %w", unwrapPath(err)))
			continue
		}
		if w.refuseActive(f.Path, data) {
			continue
		}
		w.write(f.Out, source(f.Path), f.Path, data)
	}
	if theme {
		for _, f := range s.theme.Files {
			// Theme files were minified when their names were hashed; a
			// picture is checked as written, where its positions are.
			src := s.theme.Dir + "/static/" + f.Name
			if path.Ext(f.Name) != ".css" && activecontent.Handles(f.Name) && w.refuseActive(src, s.themeSource(src, f.Data)) {
				continue
			}
			w.put(f.Out, source(src), groupTheme, f.Data)
		}
	}
}

// refuseActive reports whether the file at path, which the site would
// publish as it is, holds active content (package activecontent), and
// records where.
func (w *writer) refuseActive(path string, data []byte) bool {
	errs := activecontent.File(path, data)
	for _, err := range errs {
		w.fail(err)
	}
	return len(errs) > 0
}

// themeSource returns the theme's static file at p as written: the site's
// own, or the copy built into the binary; or, if neither can be read
// again, minified, its positions lost.
func (s *site) themeSource(p string, minified []byte) []byte {
	b, err := fs.ReadFile(s.fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		b, err = fs.ReadFile(handouts.DefaultTheme, p)
	}
	if err != nil {
		return minified
	}
	return b
}
