package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"handouts/generator/content"
	"handouts/generator/skeleton"
)

const newArgs = `[--source DIR] handout|page "Title"`

const newHelp = `Creates content/handouts/NAME.md for a handout, or content/NAME.md for a
page, named after the title in lower-case letters, digits and hyphens
(accents dropped: "Crème" makes creme). It holds every required key,
reviewed and date set to today, and draft: true; a handout starts with the
sections every handout has: the main message, "What you need", numbered
steps, how often and how long, and the "Call your doctor or lactation
consultant if" box. Each text still to write says REPLACE, and the sources
point to https://example.org/replace-me: "handouts check --drafts" lists
them until they are replaced. An existing file is never overwritten.

`

func newFlags(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) int {
	source := fs.String("source", ".", "the site's `folder`, holding content/")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
		// Flags may come after the words too: handouts new page "About" --source site.
		var words []string
		for len(args) > 0 {
			if strings.HasPrefix(args[0], "-") && args[0] != "-" {
				if done, code := parseFlags(fs, args, stdout); done {
					return code
				}
				args = fs.Args()
				continue
			}
			words, args = append(words, args[0]), args[1:]
		}
		kinds := map[string]content.Kind{"handout": content.Handout, "page": content.Page}
		if len(words) == 0 {
			fmt.Fprintf(stderr, "handouts new: say what to start, like: handouts new handout \"Hand expression\"\n")
			return exitUsage
		}
		kind, ok := kinds[words[0]]
		if !ok {
			fmt.Fprintf(stderr, "handouts new: %q: start a handout or a page, like: handouts new handout \"Hand expression\"\n", words[0])
			return exitUsage
		}
		switch {
		case len(words) == 1:
			fmt.Fprintf(stderr, "handouts new %s: give the title in quotes, like: handouts new %s \"Hand expression\"\n", words[0], words[0])
			return exitUsage
		case len(words) > 2:
			fmt.Fprintf(stderr, "handouts new %s: put the whole title in quotes, like: handouts new %s %q\n", words[0], words[0], strings.Join(words[1:], " "))
			return exitUsage
		}
		rel, text, err := skeleton.New(kind, words[1], time.Now())
		if err != nil {
			fmt.Fprintf(stderr, "handouts new %s: %v\n", words[0], err)
			return exitUsage
		}
		if err := skeleton.Write(*source, rel, text); err != nil {
			fmt.Fprintf(stderr, "handouts new %s: %v\n", words[0], err)
			return exitBuild
		}
		fmt.Fprintf(stdout, "created %s, a draft: write the text marked REPLACE, preview it with \"handouts serve --drafts\" and check it with \"handouts check --drafts\"\n", rel)
		return exitOK
	}
}
