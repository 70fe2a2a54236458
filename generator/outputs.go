package generator

import (
	"iter"
	"maps"
	"path"
	"slices"

	"handouts/generator/diag"
)

// outputSet is a build's output files, indexed for the next rebuild: the
// files each group made, to take out when the group is made again, and how
// many files each folder holds, to check a new file's name against the
// rest. A rebuild then costs what it made again, not the size of the site.
type outputSet struct {
	files   map[string]output   // by output path
	byGroup map[string][]string // each group's files
	folders map[string]int      // how many files each folder holds, at any depth
}

func newOutputSet(files map[string]output) *outputSet {
	s := &outputSet{files: files, byGroup: map[string][]string{}, folders: map[string]int{}}
	for out, o := range files {
		s.byGroup[o.group] = append(s.byGroup[o.group], out)
		addFolderCounts(s.folders, out, 1)
	}
	return s
}

// foldersOf yields the folders the output file out is in, innermost first.
func foldersOf(out string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for dir := path.Dir(out); dir != "." && dir != "/"; dir = path.Dir(dir) {
			if !yield(dir) {
				return
			}
		}
	}
}

// addFolderCounts adds n to the count of each folder out is in.
func addFolderCounts(folders map[string]int, out string, n int) {
	for dir := range foldersOf(out) {
		folders[dir] += n
	}
}

// outputChange is how a rebuild changes an outputSet: the files of the
// groups made again (remade) are taken out, and the files made now
// (fresh) put in.
type outputChange struct {
	remade  map[string]bool
	fresh   map[string]output
	made    []string       // fresh's files, sorted
	removed []string       // files the rebuild no longer makes, sorted
	folders map[string]int // the change in each folder's count
	size    int            // files after the change
}

// change works out the change a rebuild makes, without making it, and
// reports in d a file made now that another source still makes, or that
// clashes with another file as a file and a folder of the same name.
func (s *outputSet) change(remade map[string]bool, fresh map[string]output, d *diag.List) *outputChange {
	c := &outputChange{remade: remade, fresh: fresh, made: slices.Sorted(maps.Keys(fresh)), folders: map[string]int{}, size: len(s.files)}
	for g := range remade {
		for _, out := range s.byGroup[g] {
			addFolderCounts(c.folders, out, -1)
			c.size--
			if _, still := fresh[out]; !still {
				c.removed = append(c.removed, out)
			}
		}
	}
	slices.Sort(c.removed)
	for _, out := range c.made {
		o := fresh[out]
		if kept, taken := s.files[out]; taken && !remade[kept.group] {
			d.Add(collision(out, kept.owner, o.owner))
			continue
		}
		addFolderCounts(c.folders, out, 1)
		c.size++
	}
	// A new file's name against the others': the writer checked those
	// made now against one another, so check them against the files kept.
	for _, out := range c.made {
		if _, existed := s.files[out]; existed {
			continue // its path was a file before, and still is
		}
		o := fresh[out]
		for dir := range foldersOf(out) {
			if f, ok := s.kept(c, dir); ok {
				d.Add(folderCollision(dir, f.owner, out, o.owner))
				break
			}
		}
		if s.folders[out]+c.folders[out] > 0 {
			inside := s.inside(c, out)
			d.Add(folderCollision(out, o.owner, inside, s.file(c, inside).owner))
		}
	}
	return c
}

// kept returns the file at out after the change c, when it is one the
// rebuild did not make again.
func (s *outputSet) kept(c *outputChange, out string) (output, bool) {
	o, ok := s.files[out]
	if !ok || c.remade[o.group] {
		return output{}, false
	}
	return o, true
}

// file returns the file at out after the change c.
func (s *outputSet) file(c *outputChange, out string) output {
	if o, ok := c.fresh[out]; ok {
		return o
	}
	o, _ := s.kept(c, out)
	return o
}

// inside names the first file, by path, in the folder dir after the
// change c. It looks at every file: it is called only to report a clash.
func (s *outputSet) inside(c *outputChange, dir string) string {
	first := ""
	consider := func(out string) {
		if (first == "" || out < first) && len(out) > len(dir) && out[:len(dir)] == dir && out[len(dir)] == '/' {
			first = out
		}
	}
	for out := range s.files {
		if _, ok := s.kept(c, out); ok {
			consider(out)
		}
	}
	for out := range c.fresh {
		consider(out)
	}
	return first
}

// apply makes the change c.
func (s *outputSet) apply(c *outputChange) {
	for g := range c.remade {
		for _, out := range s.byGroup[g] {
			delete(s.files, out)
		}
		delete(s.byGroup, g)
	}
	for _, out := range c.made {
		o := c.fresh[out]
		s.files[out] = o
		s.byGroup[o.group] = append(s.byGroup[o.group], out)
	}
	for dir, n := range c.folders {
		if n == 0 {
			continue
		}
		if s.folders[dir] += n; s.folders[dir] == 0 {
			delete(s.folders, dir)
		}
	}
}
