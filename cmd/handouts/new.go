package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"handouts/generator"
	"handouts/generator/content"
	"handouts/generator/skeleton"

	"golang.org/x/text/language"
)

const newArgs = `[--source DIR] handout|page "Title"  |  new [--source DIR] [--name NAME] translation LANG content/PATH.md`

const newHelp = `Creates content/handouts/NAME.md for a handout, or content/NAME.md for a
page, named after the title in lower-case letters, digits and hyphens
(accents dropped: "Crème" makes creme). It holds every required key,
reviewed and date set to today, and draft: true; a handout starts with the
sections every handout has: the main message, "What you need", numbered
steps, how often and how long, and the "Call your doctor or lactation
consultant if" box. Each text still to write says REPLACE, and the sources
point to https://example.org/replace-me: "handouts check --drafts" lists
them until they are replaced. An existing file is never overwritten.

"handouts new translation es content/handouts/hand-expression.md" starts the
Spanish translation of a handout, page or packet: content/es/handouts/
hand-expression.md (--name extraccion-manual gives it a Spanish name). It
keeps the original's front matter and the shape of its body, each text still
to translate marked REPLACE, and a translation block naming the original
and the version of its text it follows; "handouts check" warns when the
original changes after that, until translation.version is updated.

`

func newFlags(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) int {
	source := fs.String("source", ".", "the site's `folder`, holding content/")
	name := fs.String("name", "", "for a translation: its file `name`, without .md (default: the original's)")
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
		if len(words) > 0 && words[0] == "translation" {
			return newTranslation(*source, *name, words[1:], stdout, stderr)
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

// newTranslation starts a translation: "handouts new translation es
// content/handouts/x.md".
func newTranslation(source, name string, words []string, stdout, stderr io.Writer) int {
	if len(words) != 2 {
		fmt.Fprintf(stderr, "handouts new translation: give the language and the original, like: handouts new translation es content/handouts/hand-expression.md\n")
		return exitUsage
	}
	lang, orig := words[0], filepath.ToSlash(filepath.Clean(words[1]))
	if tag, err := language.Parse(lang); err != nil || tag.String() != lang {
		fmt.Fprintf(stderr, "handouts new translation: %q is not a language tag; write one like es\n", lang)
		return exitUsage
	}
	src, err := os.ReadFile(filepath.Join(source, filepath.FromSlash(orig)))
	if err != nil {
		fmt.Fprintf(stderr, "handouts new translation: cannot read the original %s: %v; give its path from the site's folder, like content/handouts/hand-expression.md\n", orig, unwrap(err))
		return exitUsage
	}
	rel, text, err := skeleton.Translation(lang, orig, src, generator.Version(src), name, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "handouts new translation: %v\n", err)
		return exitUsage
	}
	if err := skeleton.Write(source, rel, text); err != nil {
		fmt.Fprintf(stderr, "handouts new translation: %v\n", err)
		return exitBuild
	}
	fmt.Fprintf(stdout, "created %s, a draft translation of %s: translate the text marked REPLACE, and list %q in languages in content/_index.md if it is not there yet\n", rel, orig, lang)
	return exitOK
}

// unwrap returns a path error's cause, without the path the message gives.
func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
