package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"handouts/generator"
)

func buildFlags(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) int {
	var sf siteFlags
	sf.register(fs)
	watch := fs.Bool("watch", false, "after building, rebuild on every change to content/ or themes/ until Ctrl-C")
	quiet := fs.Bool("quiet", false, "print only errors: no warnings, no summary")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
		if len(args) > 0 {
			fmt.Fprintf(stderr, "handouts build: unexpected argument %q; see \"handouts help build\"\n", args[0])
			return exitUsage
		}
		if *watch {
			failed := false
			err := generator.Watch(ctx, sf.options(), func(r generator.Rebuild) {
				printRebuild(stdout, stderr, r, *quiet)
				if r.Watch == nil {
					failed = r.Err != nil
				}
			})
			if err != nil {
				fmt.Fprintf(stderr, "handouts build: %v\n", err)
				return exitBuild
			}
			if failed {
				return exitBuild
			}
			return exitOK
		}
		gc := tuneGC(buildKeeps) // until the warnings are printed, as for check
		defer gc.stop()
		opt := sf.options()
		opt.Listed = gc.size // the limit for all its pages from the first
		report, err := generator.Build(ctx, opt)
		if err != nil {
			printErrors(stderr, err, *quiet)
			return exitBuild
		}
		if !*quiet {
			printWarnings(stderr, report.Warnings, report.MoreWarnings)
			fmt.Fprintln(stdout, report.Summary())
		}
		return exitOK
	}
}
