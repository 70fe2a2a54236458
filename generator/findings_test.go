package generator

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"handouts/generator/diag"
)

// TestFirstWarnings gives pages' warnings in every order a build's
// workers may: what is kept is the first max of them all, sorted, and the
// rest are counted.
func TestFirstWarnings(t *testing.T) {
	warn := func(path string, line int) *diag.Diagnostic {
		return diag.Warnf(diag.Pos{Path: path, Line: line, Col: 1}, "w")
	}
	var pages [][]*diag.Diagnostic // each page's, sorted, as lintPage leaves them
	for i := range 30 {
		var page []*diag.Diagnostic
		for line := range i % 4 { // some pages have none
			page = append(page, warn(fmt.Sprintf("content/handouts/%02d.md", i), line+1))
		}
		pages = append(pages, page)
	}
	all := diag.SortedCopy(slices.Concat(pages...))
	for _, max := range []int{0, 1, 5, len(all) - 1, len(all), len(all) + 3} {
		for seed := range 20 {
			order := slices.Clone(pages)
			rand.New(rand.NewPCG(uint64(seed), 1)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			f := &firstWarnings{max: max}
			for _, p := range order {
				f.add(p)
			}
			want := all[:min(max, len(all))]
			if !slices.Equal(f.kept, want) || f.more != len(all)-len(want) {
				t.Fatalf("max %d, order %d: kept %d (%v), %d more; want the first %d of %d", max, seed, len(f.kept), f.kept, f.more, len(want), len(all))
			}
		}
	}
}

// TestBuildKeepsFirstWarnings builds a site with more warnings than a
// build prints: Build keeps the first diag.MaxErrors, as Check sorts
// them, counts the rest, and writes what a Builder writes.
func TestBuildKeepsFirstWarnings(t *testing.T) {
	files := map[string]string{}
	for i := range diag.MaxErrors + 10 {
		files[fmt.Sprintf("content/handouts/h%03d.md", i)] = strings.Replace(handoutBody("Do NOT use heat."), "title: ", fmt.Sprintf("title: H%03d ", i), 1)
	}
	// and one page whose warning is not lint's, which the build keeps
	// with the site's own findings
	files["content/handouts/deep.md"] = handoutBody(strings.Repeat("> ", 120) + "deep")
	root := checkSite(t, files)
	ctx := context.Background()
	checked, err := Check(ctx, Options{Source: root, Now: testToday})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(checked.Warnings, func(d *diag.Diagnostic) bool { return d.Pos.Path == "content/handouts/deep.md" && d.Kind == "" }) {
		t.Fatalf("no rendering warning about deep.md: %v", checked.Warnings)
	}
	if len(checked.Warnings) <= diag.MaxErrors || checked.MoreWarnings != 0 {
		t.Fatalf("check found %d warnings and %d more; the test needs more than %d, all listed", len(checked.Warnings), checked.MoreWarnings, diag.MaxErrors)
	}
	out := filepath.Join(t.TempDir(), "public")
	built, err := Build(ctx, Options{Source: root, Destination: out, Now: testToday})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(built.Warnings, checked.Warnings[:diag.MaxErrors], func(a, b *diag.Diagnostic) bool { return a.Error() == b.Error() }) {
		t.Errorf("build kept %d warnings, not the first %d that check lists", len(built.Warnings), diag.MaxErrors)
	}
	if want := len(checked.Warnings) - diag.MaxErrors; built.MoreWarnings != want {
		t.Errorf("build counted %d more warnings; want %d", built.MoreWarnings, want)
	}
	if want := fmt.Sprintf("(%d warnings)", len(checked.Warnings)); !strings.HasSuffix(built.Summary(), want) {
		t.Errorf("summary %q; want it to end %q", built.Summary(), want)
	}
	if built.ByFile != nil {
		t.Error("a one-off build offers a report by file it did not keep")
	}
	// A Builder keeps every finding and makes each list entry with its
	// page; a one-off build makes them where the lists need them: the
	// same files either way.
	kept := filepath.Join(t.TempDir(), "kept")
	again, err := NewBuilder(Options{Source: root, Destination: kept, Now: testToday}).Build(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Warnings) != len(checked.Warnings) || again.MoreWarnings != 0 {
		t.Errorf("a Builder kept %d warnings and counted %d more; want all %d kept", len(again.Warnings), again.MoreWarnings, len(checked.Warnings))
	}
	if diff := diffTrees(t, kept, out); diff != "" {
		t.Errorf("a one-off build and a Builder wrote different files:\n%s", diff)
	}
}
