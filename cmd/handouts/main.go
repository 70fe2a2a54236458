// Command handouts builds the breastfeeding handout site: Markdown sources
// with front matter under content/ become a minified static site, with
// handouts that print cleanly on Letter or A4 paper.
//
// It only reads flags and calls the generator; see "handouts help".
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"handouts/generator"
	"handouts/generator/diag"
)

// Exit codes.
const (
	exitOK    = 0
	exitBuild = 1 // the site has errors
	exitUsage = 2 // the command line is wrong
)

const usage = `handouts builds printable breastfeeding handouts into a static web site.

Usage:
  handouts <command> [flags]

Commands:
  build    build the site from content/ into public/ (--watch: rebuild on every save)
  check    check the site without writing it: front matter, links, reviews, readability
  new      start a new handout or page: handouts new handout "Title"
  serve    preview the site on localhost; rebuilds and reloads the browser on every save;
           the author's report of every handout is at /_report/
  clean    remove public/ and the temporary folders that killed builds and previews left
  version  print the version of handouts (also: handouts --version)
  help     show help for a command, like "handouts help build"

Run "handouts help <command>" for a command's flags.
`

func main() {
	// SIGHUP too: closing the terminal stops a preview as Ctrl-C does, and
	// removes its temporary site.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// command is one subcommand: its flags and what it does.
type command struct {
	name, summary string
	// args is what follows the command's name in its usage line, when it
	// is more than "[flags]" (or nothing, for a command without flags);
	// help, when set, explains more.
	args, help string
	flags      func(fs *flag.FlagSet) func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

// commands lists the subcommands; each lives in its own file.
func commands() []command {
	return []command{
		{name: "build", summary: "build the site from content/ into public/", flags: buildFlags},
		{name: "check", summary: "check the whole site without writing anything", help: checkHelp, flags: checkFlags},
		{name: "new", summary: "create a new handout or page from the skeleton every one starts from", args: newArgs, help: newHelp, flags: newFlags},
		{name: "serve", summary: "build, serve on localhost, and rebuild and reload the browser on every save", flags: serveFlags},
		{name: "clean", summary: "remove the built site and the temporary folders of killed builds and previews", help: cleanHelp, flags: cleanFlags},
		{name: "version", summary: "print the version of handouts: its module version and the revision it was built from", flags: versionFlags},
	}
}

// run executes the command line args and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "-version", "--version":
		args = append([]string{"version"}, args[1:]...)
	case "help":
		if len(args) == 1 {
			fmt.Fprint(stdout, usage)
			return exitOK
		}
		for _, c := range commands() {
			if c.name == args[1] {
				fs := newFlagSet(c, stdout)
				c.flags(fs)
				fs.Usage()
				return exitOK
			}
		}
		fmt.Fprintf(stderr, "handouts: no command %q; see \"handouts help\"\n", args[1])
		return exitUsage
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		fs := newFlagSet(c, stderr)
		do := c.flags(fs)
		if done, code := parseFlags(fs, args[1:], stdout); done {
			return code
		}
		return do(ctx, fs.Args(), stdout, stderr)
	}
	fmt.Fprintf(stderr, "handouts: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// parseFlags parses a command's flags. It reports done, with the exit code,
// when the command should not run: -h or --help asked for its help, which
// goes to stdout once, or a flag was wrong, which the flag package
// explained on stderr, followed by the command's help.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) (done bool, code int) {
	usage := fs.Usage
	fs.Usage = func() {} // printed below, once, where it belongs
	err := fs.Parse(args)
	fs.Usage = usage
	switch {
	case err == nil:
		return false, exitOK
	case errors.Is(err, flag.ErrHelp):
		stderr := fs.Output()
		fs.SetOutput(stdout)
		fs.Usage()
		fs.SetOutput(stderr)
		return true, exitOK
	default:
		fs.Usage()
		return true, exitUsage
	}
}

func newFlagSet(c command, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		flags := 0
		fs.VisitAll(func(*flag.Flag) { flags++ })
		line := "handouts " + c.name
		switch {
		case c.args != "":
			line += " " + c.args
		case flags > 0:
			line += " [flags]"
		}
		fmt.Fprintf(fs.Output(), "handouts %s: %s\n\nUsage:\n  %s\n", c.name, c.summary, line)
		if c.help != "" || flags > 0 {
			fmt.Fprintf(fs.Output(), "\n%s", c.help)
		}
		if flags > 0 {
			fmt.Fprintln(fs.Output(), "Flags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// siteFlags are the flags every command that builds shares.
type siteFlags struct {
	source, destination, baseURL string
	drafts                       bool
	asOf                         asOfFlag
}

// asOfFlag is a date given as --as-of YYYY-MM-DD: the day reviews are aged
// from instead of today, to see what will be due by then.
type asOfFlag struct{ day *time.Time }

func (a *asOfFlag) String() string {
	if a.day == nil {
		return ""
	}
	return a.day.Format(time.DateOnly)
}

func (a *asOfFlag) Set(s string) error {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return fmt.Errorf("%q is not a date; write it as YYYY-MM-DD, like 2027-06-30", s)
	}
	a.day = &d
	return nil
}

// now is the clock the build ages reviews by.
func (a *asOfFlag) now() func() time.Time {
	if a.day == nil {
		return nil
	}
	day := a.day.Add(12 * time.Hour) // midday: the same date in every time zone's reading
	return func() time.Time { return day }
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	f.registerSource(fs)
	fs.StringVar(&f.destination, "destination", "", "the output `folder` (default: public/ in the source folder)")
}

// registerSource registers the flags that say what to build, not where.
func (f *siteFlags) registerSource(fs *flag.FlagSet) {
	fs.StringVar(&f.source, "source", ".", "the site's `folder`, holding content/ and themes/")
	fs.StringVar(&f.baseURL, "base-url", "", "the site's full `address`, like https://handouts.example.org/ (default: base_url in content/_index.md)")
	fs.BoolVar(&f.drafts, "drafts", false, "also build pages marked draft: true")
	fs.Var(&f.asOf, "as-of", "age reviews as of this `date` (YYYY-MM-DD) instead of today: what will be due by then")
}

func (f *siteFlags) options() generator.Options {
	return generator.Options{Source: f.source, Destination: f.destination, BaseURL: f.baseURL, Drafts: f.drafts, Now: f.asOf.now()}
}

// printError prints a failed build's findings, one per line, and a count.
func printError(w io.Writer, err error) {
	printErrors(w, err, false)
}

// printErrors prints a failed build's findings, one per line, and a count;
// with quiet, its errors only, without the warnings that came with them.
func printErrors(w io.Writer, err error, quiet bool) {
	var list *diag.Errors
	if errors.As(err, &list) {
		if quiet {
			only := &diag.Errors{}
			for _, d := range list.List {
				if d.Severity == diag.Error {
					only.List = append(only.List, d)
				}
			}
			list = only
		}
		fmt.Fprintln(w, strings.TrimRight(list.Error(), "\n"))
		return
	}
	fmt.Fprintf(w, "handouts: %v\n", err)
}
