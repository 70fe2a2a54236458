package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"handouts/generator/content"
	"handouts/generator/diag"
	"handouts/generator/minify"
	"handouts/generator/publish"
)

// writer minifies output files and writes them into the build's folder. It
// notices when two sources would make the same file. Workers share it.
type writer struct {
	out  *publish.Dir
	min  *minify.Minifier
	pool sync.Pool

	mu     sync.Mutex
	owners map[string]string // output path → what made it
	diags  diag.List
}

func newWriter(out *publish.Dir, m *minify.Minifier) *writer {
	return &writer{
		out:    out,
		min:    m,
		owners: map[string]string{},
		pool:   sync.Pool{New: func() any { return new(bytes.Buffer) }},
	}
}

// write minifies data by the file type of out and writes it. owner names
// what made the file: a source path, or a description of a generated page.
func (w *writer) write(out, owner string, data []byte) {
	if !w.claim(out, owner) {
		return
	}
	buf := w.pool.Get().(*bytes.Buffer)
	defer w.pool.Put(buf)
	buf.Reset()
	err := w.min.Bytes(buf, out, data)
	if err == nil {
		err = w.out.WriteFile(out, buf.Bytes())
	}
	if err != nil {
		w.fail(diag.Errorf(ownerPos(owner), "writing %s: %v", out, err))
	}
}

// claim records that owner makes the output file out, and reports a
// collision when another source already did.
func (w *writer) claim(out, owner string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if other, taken := w.owners[out]; taken {
		first, second := other, owner
		if !strings.HasPrefix(first, content.Dir+"/") {
			first, second = second, first
		}
		w.diags.Add(diag.Errorf(ownerPos(first), "makes /%s, which %s also makes; rename or remove one of them",
			strings.TrimSuffix(out, "index.html"), second))
		return false
	}
	w.owners[out] = owner
	return true
}

func (w *writer) fail(err error) {
	w.mu.Lock()
	w.diags.Add(err)
	w.mu.Unlock()
}

// count returns how many files were written.
func (w *writer) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.owners)
}

// copyStatic writes the content folder's non-Markdown files and the theme's
// static files.
func (w *writer) copyStatic(s *site) {
	for _, f := range s.files {
		if f.Kind != content.Static {
			continue
		}
		data, err := fs.ReadFile(s.fsys, f.Path)
		if err != nil {
			w.fail(diag.Errorf(diag.Pos{Path: f.Path}, "cannot read: %v", unwrapPath(err)))
			continue
		}
		w.write(f.Out, f.Path, data)
	}
	for _, f := range s.theme.Files {
		// Theme files are minified already, when they were hashed.
		if w.claim(f.Out, s.theme.Dir+"/static/"+f.Out) {
			if err := w.out.WriteFile(f.Out, f.Data); err != nil {
				w.fail(fmt.Errorf("writing %s: %w", f.Out, err))
			}
		}
	}
}

// ownerPos positions a finding at owner when it is a source file.
func ownerPos(owner string) diag.Pos {
	if strings.HasPrefix(owner, content.Dir+"/") || strings.HasPrefix(owner, "themes/") {
		return diag.Pos{Path: owner}
	}
	return diag.Pos{}
}
