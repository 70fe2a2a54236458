package generator

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"

	"handouts/generator/content"
	"handouts/generator/diag"
)

// checkDestination refuses an output folder that overlaps the sources. A
// build replaces its whole destination, so a destination that is the site's
// folder, or holds it, would delete the sources; and one inside content/ or
// themes/ would be read back as sources by the next build.
func checkDestination(source, dest string) error {
	src, err := realPath(source)
	if err != nil {
		return nil // load reports a missing site folder
	}
	dst, err := realPath(dest)
	if err != nil {
		return nil // publish reports what is wrong with the destination
	}
	if within(src, dst) {
		return diag.Errorf(diag.Pos{}, "destination %s holds the site's sources; choose a folder of its own, like the default public/ in the site's folder", dest)
	}
	for _, dir := range []string{content.Dir, "themes"} {
		if within(dst, filepath.Join(src, dir)) {
			return diag.Errorf(diag.Pos{}, "destination %s is inside %s/, among the site's sources; choose a folder of its own, like the default public/ in the site's folder", dest, dir)
		}
	}
	return nil
}

// within reports whether path p is dir or inside it. Both are clean and
// absolute.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// realPath returns p as an absolute path with symbolic links resolved, as
// far as p exists: the rest of a path not made yet is kept as written.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if !errors.Is(err, fs.ErrNotExist) || dir == filepath.Dir(dir) {
			return "", err
		}
		rest = append([]string{filepath.Base(dir)}, rest...)
	}
}
