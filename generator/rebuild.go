package generator

import (
	"context"
	"sync"

	"handouts/generator/content"
	"handouts/generator/watch"
)

// Rebuild is one build in watch mode: what changed (nil for the first
// build), its report on success, or its error. A Rebuild with only Watch
// set reports a problem with watching for changes: the site is as it was,
// but some changes may not be noticed.
type Rebuild struct {
	Changed []string
	Report  *Report
	Err     error
	Watch   error
}

// Watch builds the site, then watches content/ and themes/ and rebuilds on
// every change until ctx ends, calling done after each build. Builds never
// overlap: changes that arrive during a build make one more build after it.
// A failed build leaves the previous output in place.
func Watch(ctx context.Context, opt Options, done func(Rebuild)) error {
	b := NewBuilder(opt)
	w, err := watch.New(opt.Source, []string{content.Dir, "themes"}, content.Ignored)
	if err != nil {
		return err
	}
	report, err := b.Build(ctx, nil)
	done(Rebuild{Report: report, Err: err})

	batches := make(chan []string)
	problems := make(chan error)
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := w.Run(ctx, batches, problems); err != nil {
			select {
			case problems <- err:
			case <-ctx.Done():
			}
		}
	})
	defer wg.Wait()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-problems:
			done(Rebuild{Watch: err})
		case changed := <-batches:
			report, err := b.Build(ctx, changed)
			if ctx.Err() != nil {
				return nil
			}
			done(Rebuild{Changed: changed, Report: report, Err: err})
		}
	}
}
