// Package generator builds the handout site: Markdown sources with front
// matter under content/ become a minified static site in public/.
//
// Build shows the whole pipeline. Loading lists the sources and reads the
// site settings and the theme; each page is then parsed, rendered, minified
// and written on its own worker, so no build holds every page in memory;
// the lists, topic pages, packets, feed and sitemap follow from what the
// pages reported; links are checked; and the new output replaces the old in
// one step, or not at all.
package generator

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"handouts/generator/diag"
	"handouts/generator/publish"
)

// Options say what to build and where.
type Options struct {
	// Source is the site's root folder, holding content/ and themes/.
	Source string
	// Destination is the output folder; "" means public/ in Source.
	Destination string
	// BaseURL overrides the base_url site setting ("https://example.org/").
	BaseURL string
	// Drafts builds pages marked draft: true.
	Drafts bool
	// Workers is how many pages are rendered at once; 0 means one per CPU.
	Workers int
}

// Report says what a successful build made.
type Report struct {
	Handouts, Pages, Files int
	// Warnings are findings that did not fail the build, sorted.
	Warnings    []*diag.Diagnostic
	Destination string
	Duration    time.Duration
}

// Summary is the one line a build prints on success.
func (r *Report) Summary() string {
	s := fmt.Sprintf("built %d handouts, %d pages and %d files in %s → %s",
		r.Handouts, r.Pages, r.Files, r.Duration.Round(time.Millisecond), r.Destination)
	if n := len(r.Warnings); n == 1 {
		s += " (1 warning)"
	} else if n > 1 {
		s += fmt.Sprintf(" (%d warnings)", n)
	}
	return s
}

// Build builds the site described by opt. On failure the destination is left
// exactly as it was, and the error is a *diag.Errors listing every problem
// found, each leading with path:line:col.
func Build(ctx context.Context, opt Options) (*Report, error) {
	start := time.Now()
	dest := opt.Destination
	if dest == "" {
		dest = filepath.Join(opt.Source, "public")
	}

	s, err := load(opt) // content files, site settings, packets, theme
	if err != nil {
		return nil, err
	}
	out, err := publish.Create(dest)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{}, "%v", err)
	}
	defer out.Abort()
	w := newWriter(out, s.min)

	pages, err := s.renderPages(ctx, w) // parse → render → minify → write, per page, in parallel
	if err != nil {
		return nil, err
	}
	s.renderSite(pages, w) // home, lists, topics, packets, feed, sitemap, redirects
	s.checkLinks(pages)    // links and anchors, now that every page is known
	w.copyStatic(s)        // content files and the theme's CSS, JS and images

	s.diags.Merge(&w.diags)
	if err := s.diags.Err(); err != nil {
		return nil, err
	}
	if err := out.Commit(); err != nil {
		return nil, diag.Errorf(diag.Pos{}, "%v", err)
	}
	_, warnings := s.diags.Count()
	report := &Report{
		Destination: dest,
		Files:       w.count(),
		Duration:    time.Since(start),
	}
	if warnings > 0 {
		report.Warnings = s.diags.Sorted()
	}
	for _, p := range pages {
		switch {
		case p == nil || p.skipped:
		case p.file.Kind == handoutKind:
			report.Handouts++
		default:
			report.Pages++
		}
	}
	return report, nil
}

// errCanceled is returned when the context ends a build early.
var errCanceled = errors.New("build canceled")

func canceled(ctx context.Context) error {
	if ctx.Err() != nil {
		return errCanceled
	}
	return nil
}
