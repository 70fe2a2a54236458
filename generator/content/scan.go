package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"handouts/generator/address"
	"handouts/generator/diag"

	"golang.org/x/text/language"
)

// Kind is what a source file becomes.
type Kind int

const (
	// Static files (images, diagrams, PDFs) are copied to the output.
	Static Kind = iota
	// Home is content/_index.md: the home page and the site settings.
	Home
	// Handout is a Markdown file under content/handouts/.
	Handout
	// Packet is a Markdown file under content/packets/: handouts printed together.
	Packet
	// Page is any other Markdown file (about, disclaimer).
	Page
)

func (k Kind) String() string {
	return [...]string{"static file", "home page", "handout", "packet", "page"}[k]
}

// File is one source file under content/.
type File struct {
	// Path is the file's slash-separated path from the site's root
	// ("content/handouts/x.md"), as messages show it.
	Path string
	// Rel is the path below content/ ("handouts/x.md", "es/handouts/x.md").
	Rel  string
	Kind Kind
	// Lang is the language the file is in: the site's own, or the one whose
	// folder it is in (content/es/).
	Lang string
	// URL is the site path the file is served at: "/handouts/x/" for a
	// page, "/images/x.svg" for a static file.
	URL string
	// Out is the output file's slash-separated path below the destination.
	Out string
	// Slug names a handout or packet in packets and messages: its path below
	// handouts/ or packets/ without ".md" ("hand-expression", "g00/h1").
	Slug string
	// Link is true for a symbolic link (to a file inside the site: Scan
	// refuses the others).
	Link bool
}

// Dir is the folder that holds the site's content, below the site's root.
const Dir = "content"

// Scan lists the files under content/ in fsys (the site's root), sorted by
// path, with the kind of each and the address urls gives it. It skips
// editor and system files (dot files, "~" backups, swap files) and reports
// names that cannot become clean web addresses, symbolic links that leave
// the tree or loop, and two files that would be served at the same URL.
func Scan(fsys fs.FS, urls address.Scheme) ([]File, []error) {
	return ScanWith(fsys, fsys, urls)
}

// ScanWith is Scan with the folders listed through walk, and symbolic links
// and the content folder itself resolved through safe. safe must not leave
// the site (an os.Root's FS); walk may be a faster view of the same folder
// (os.DirFS lists a folder without a stat per entry, which os.Root does:
// a third of an incremental rebuild at 10,000 pages).
func ScanWith(safe, walk fs.FS, urls address.Scheme) ([]File, []error) {
	fsys := safe
	var files []File
	var errs []error
	fail := func(p string, format string, args ...any) {
		errs = append(errs, diag.Errorf(diag.Pos{Path: p}, format, args...))
	}
	st, err := fs.Stat(fsys, Dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		// The folder is there but cannot be read, or is a symbolic link
		// that leads out of the site, which is not followed.
		return nil, []error{diag.Errorf(diag.Pos{Path: Dir}, "cannot read: %v; make it a folder inside the site's folder", unwrapPathError(err))}
	}
	if err != nil || !st.IsDir() {
		return nil, []error{diag.Errorf(diag.Pos{}, "no %s/ folder here: run handouts in a site's folder or pass --source DIR", Dir)}
	}
	walkErr := fs.WalkDir(walk, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			fail(p, "cannot read: %v", unwrapPathError(err))
			return nil
		}
		if p == Dir {
			return nil
		}
		name := d.Name()
		if Ignored(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			info, err := fs.Stat(fsys, p)
			switch {
			case err != nil:
				fail(p, "is a symbolic link that leads outside the site or in a loop; replace it with the file it points to")
				return nil
			case info.IsDir():
				fail(p, "is a symbolic link to a folder; links to folders are not followed, so move the folder here instead")
				return nil
			}
		}
		if bad := CheckName(name, d.IsDir()); bad != "" {
			fail(p, "%s", bad)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if path.Dir(p) == Dir {
				if bad := languageFolder(name, urls); bad != "" {
					fail(p+"/", "%s", bad)
					return fs.SkipDir
				}
			}
			return nil
		}
		f := Classify(p, urls)
		f.Link = d.Type()&fs.ModeSymlink != 0
		files = append(files, f)
		return nil
	})
	if walkErr != nil {
		fail(Dir, "cannot read: %v", walkErr)
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	seen := map[string]string{}
	for _, f := range files {
		if other, dup := seen[f.Out]; dup {
			fail(f.Path, "makes the same page %s as %s; rename or remove one of them", f.URL, other)
			continue
		}
		seen[f.Out] = f.Path
	}
	return files, errs
}

// Classify works out a content file's kind and slug from its path (from
// the site's root, like content/handouts/x.md), and its address and output
// file from urls.
func Classify(p string, urls address.Scheme) File {
	f := File{Path: p, Rel: strings.TrimPrefix(p, Dir+"/")}
	lang, rel := urls.Source(f.Rel)
	f.Lang = lang
	if !strings.HasSuffix(rel, ".md") {
		f.Kind, f.URL = Static, urls.Static(f.Rel)
		f.Out = address.File(f.URL)
		return f
	}
	stem := strings.TrimSuffix(rel, ".md")
	switch {
	case rel == "_index.md":
		f.Kind, f.URL = Home, urls.Home(lang)
	case strings.HasPrefix(rel, "handouts/"):
		f.Kind, f.Slug = Handout, strings.TrimPrefix(stem, "handouts/")
		f.URL = urls.Handout(lang, f.Slug)
	case strings.HasPrefix(rel, "packets/"):
		f.Kind, f.Slug = Packet, strings.TrimPrefix(stem, "packets/")
		f.URL = urls.Packet(lang, f.Slug)
	default:
		f.Kind, f.URL = Page, urls.Page(lang, stem)
	}
	f.Out = address.File(f.URL)
	return f
}

// Ignored reports whether a file or folder name is an editor's or the
// system's, not the author's: dot files, backups, swap and temporary files
// (vim's 4913 probe, and the sedXXXXXX file "sed -i" writes and renames
// over the original, which watch mode would otherwise list as changed).
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") ||
		name == "4913" || sedTemp(name)
}

// sedTemp reports whether name is GNU sed's temporary file: "sed" and six
// letters or digits, with no extension.
func sedTemp(name string) bool {
	if len(name) != 9 || !strings.HasPrefix(name, "sed") {
		return false
	}
	for _, c := range name[3:] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// CheckName returns what is wrong with a file or folder name that becomes
// part of a web address, with a suggested name, or "" when it is fine.
func CheckName(name string, dir bool) string {
	ok := name != ""
	for i, c := range name {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' || c == '.' || c == '_':
			ok = ok && !(i == 0 && c == '-')
		default:
			ok = false
		}
	}
	if ok {
		return ""
	}
	ext := path.Ext(name)
	if dir {
		ext = ""
	}
	what := "file"
	if dir {
		what = "folder"
	}
	stem := address.Slug(strings.TrimSuffix(name, ext))
	// The extension is cleaned like the rest: "a.B C" becomes "a.b-c".
	if e := address.Slug(strings.TrimPrefix(ext, ".")); e != "" {
		ext = "." + e
	} else {
		ext = ""
	}
	if stem == "" {
		// Nothing is left to suggest from, as with a name in another script.
		return fmt.Sprintf("%s name %q becomes part of a web address, so use only lower-case letters a-z, digits and hyphens: rename it, like %q", what, name, "my-"+what+ext)
	}
	return fmt.Sprintf("%s name %q becomes part of a web address, so use only lower-case letters a-z, digits and hyphens: rename it to %q", what, name, stem+ext)
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// languageFolder explains why a folder at the top of content/ named for a
// language cannot be read as one, or returns "". Without it the folder
// would be read as pages in the site's own language, and every translated
// handout would fail on keys a page does not have.
func languageFolder(name string, urls address.Scheme) string {
	langs := urls.Languages()
	for _, l := range langs[1:] {
		if name == address.Folder(l) {
			return ""
		}
	}
	tag, ok := languageTag(name)
	if !ok {
		return ""
	}
	if name == address.Folder(langs[0]) {
		return fmt.Sprintf("is named for the site's own language, %s, whose pages go straight in %s/; move them up a level, or rename the folder", name, Dir)
	}
	return fmt.Sprintf("is named like a folder of pages in language %s, but the site does not list it; add languages: [%s] to %s/_index.md, or rename the folder if it is not a language", tag, tag, Dir)
}

// languageTag returns the language tag a folder is named for, if its name
// is a two-letter language code, with or without a region, like es or
// pt-br: the names a translator would give a language folder, and none an
// author would give a folder of pages.
func languageTag(name string) (string, bool) {
	code, _, _ := strings.Cut(name, "-")
	if len(code) != 2 || strings.ContainsFunc(code, func(r rune) bool { return r < 'a' || r > 'z' }) {
		return "", false
	}
	tag, err := language.Parse(name)
	if err != nil {
		return "", false
	}
	base, conf := tag.Base()
	return tag.String(), conf == language.Exact && base.String() == code && strings.EqualFold(tag.String(), name)
}
