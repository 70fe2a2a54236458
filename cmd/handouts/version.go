package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

func versionFlags(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) int {
	return func(_ context.Context, args []string, stdout, stderr io.Writer) int {
		if len(args) > 0 {
			fmt.Fprintf(stderr, "handouts version: unexpected argument %q; see \"handouts help version\"\n", args[0])
			return exitUsage
		}
		info, _ := debug.ReadBuildInfo()
		fmt.Fprintln(stdout, version(info))
		return exitOK
	}
}

// version describes the build of handouts that info gives (nil when the
// binary carries none): the module's version, the revision of the sources
// it was built from, and whether they had changes not yet committed, as
// "go build" records them in a checkout.
//
//	handouts v1.2.0 (revision 5b41eac374dc4d27c2e328123cbf40f6e15b0c04, 2026-05-09T07:29:33Z, with uncommitted changes), go1.26.8 linux/amd64
func version(info *debug.BuildInfo) string {
	v := "(unknown version)"
	var vcs []string
	if info != nil {
		v = info.Main.Version
		settings := map[string]string{}
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
		if r := settings["vcs.revision"]; r != "" {
			vcs = append(vcs, "revision "+r)
		}
		if t := settings["vcs.time"]; t != "" {
			vcs = append(vcs, t)
		}
		if settings["vcs.modified"] == "true" {
			vcs = append(vcs, "with uncommitted changes")
		}
		if len(vcs) == 0 {
			vcs = append(vcs, "no revision recorded")
		}
	}
	s := "handouts " + v
	if len(vcs) > 0 {
		s += " (" + strings.Join(vcs, ", ") + ")"
	}
	return s + ", " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
}
