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
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
		if len(args) > 0 {
			fmt.Fprintf(stderr, "handouts build: unexpected argument %q; see \"handouts help build\"\n", args[0])
			return exitUsage
		}
		report, err := generator.Build(ctx, sf.options())
		if err != nil {
			printError(stderr, err)
			return exitBuild
		}
		for _, w := range report.Warnings {
			fmt.Fprintln(stderr, w)
		}
		fmt.Fprintln(stdout, report.Summary())
		return exitOK
	}
}
