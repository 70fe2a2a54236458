package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"handouts/generator"
	"handouts/generator/preview"
)

const cleanHelp = `Removes the built site (public/, or --destination) and the temporary
folders that killed builds left beside it and killed previews left in the
system's temporary folder. It removes a destination only when it holds an
earlier build, as build decides before it replaces one, and keeps its
.gitignore. Temporary folders of builds still running are left alone.

`

func cleanFlags(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) int {
	var sf siteFlags
	fs.StringVar(&sf.source, "source", ".", "the site's `folder`, holding content/ and themes/")
	fs.StringVar(&sf.destination, "destination", "", "the output `folder` to remove (default: public/ in the source folder)")
	return func(_ context.Context, args []string, stdout, stderr io.Writer) int {
		if len(args) > 0 {
			fmt.Fprintf(stderr, "handouts clean: unexpected argument %q; see \"handouts help clean\"\n", args[0])
			return exitUsage
		}
		opt := sf.options()
		cleaned, err := generator.Clean(opt)
		if cleaned != nil {
			if cleaned.Output {
				fmt.Fprintf(stdout, "removed %s, the built site\n", generator.NewBuilder(opt).Destination())
			}
			for _, t := range cleaned.Temporary {
				fmt.Fprintf(stdout, "removed %s, left by a build that was killed\n", t)
			}
			for _, t := range cleaned.Running {
				fmt.Fprintf(stdout, "kept %s: a build that is still running is writing it\n", t)
			}
		}
		removed, failed := preview.RemoveStale()
		for _, t := range removed {
			fmt.Fprintf(stdout, "removed %s, left by a preview that was killed\n", t)
		}
		for _, l := range failed {
			fmt.Fprintf(stderr, "warning: could not remove %s, left by a preview that was killed (%s): delete it yourself\n", l.Path, l.Reason())
		}
		if err != nil {
			printError(stderr, err)
			return exitBuild
		}
		if cleaned != nil && !cleaned.Output && len(cleaned.Temporary)+len(removed) == 0 {
			fmt.Fprintln(stdout, "nothing to clean")
		}
		return exitOK
	}
}
