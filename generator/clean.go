package generator

import "handouts/generator/publish"

// Clean removes the output folder of an earlier build of the site described
// by opt, and the temporary folders that killed builds left beside it. It
// refuses, removing nothing, a destination that Build would refuse to
// replace: one holding the site's sources or files that are not an earlier
// build.
func Clean(opt Options) (*publish.Cleaned, error) {
	b := &Builder{opt: opt}
	if err := checkDestination(opt.Source, b.Destination()); err != nil {
		return nil, err
	}
	return publish.Clean(b.Destination())
}
