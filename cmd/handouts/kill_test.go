package main

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestKilledBuildLeavesCompleteOutput kills builds of the real site at
// random moments and checks that the destination always holds one complete
// build, the one before or the one being made, byte for byte, never a mix;
// and that the next build cleans up what the killed ones left.
func TestKilledBuildLeavesCompleteOutput(t *testing.T) {
	rounds, budget := 30, time.Minute
	if testing.Short() {
		rounds = 8
	}
	work := t.TempDir()

	// Two versions of the real content that build to different sites.
	versions := [2]string{filepath.Join(work, "content-a"), filepath.Join(work, "content-b")}
	if err := os.CopyFS(versions[0], os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(versions[1], os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	handouts, err := filepath.Glob(filepath.Join(versions[1], "handouts", "*.md"))
	if err != nil || len(handouts) == 0 {
		t.Fatalf("no handouts in the real content: %v", err)
	}
	asOf := latestReview(t, handouts) // the content, not the calendar, is under test
	for _, h := range handouts {
		b, err := os.ReadFile(h)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(h, append(b, "\nAsk your care team if you have questions.\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	site := filepath.Join(work, "site")
	if err := os.CopyFS(filepath.Join(site, "themes", "default"), os.DirFS(themeDir)); err != nil {
		t.Fatal(err)
	}
	use := func(v int) {
		t.Helper()
		if err := os.RemoveAll(filepath.Join(site, "content")); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(filepath.Join(site, "content"), os.DirFS(versions[v])); err != nil {
			t.Fatal(err)
		}
	}

	// The complete builds of each version, made without kills, and how
	// long a build takes.
	var refs [2]map[string]string
	var typical time.Duration
	for v := range versions {
		use(v)
		dest := filepath.Join(work, "ref", string(rune('a'+v)))
		start := time.Now()
		if code, out := runBuildAsOf(t, site, dest, time.Minute, asOf); code != 0 {
			t.Fatalf("the real site does not build (exit %d):\n%s", code, out)
		}
		typical = max(typical, time.Since(start))
		refs[v] = snapshot(t, dest)
	}
	if diffTrees(refs[0], refs[1]) == "" {
		t.Fatal("the two versions build to the same site: the test could not tell them apart")
	}

	dest := filepath.Join(site, "public")
	use(0)
	if code, out := runBuildAsOf(t, site, dest, time.Minute, asOf); code != 0 {
		t.Fatalf("first build failed:\n%s", out)
	}
	current := 0 // the version the destination holds
	inPlace := 0 // the version in the site's content folder
	rng := rand.New(rand.NewPCG(1, 2))
	interrupted, finished := 0, 0
	deadline := time.Now().Add(budget)
	for round := 0; round < rounds && time.Now().Before(deadline); round++ {
		next := 1 - current
		use(next)
		inPlace = next
		cmd := exec.Command(handoutsBin, "build", "--source", site, "--destination", dest, "--as-of", asOf)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.Int64N(int64(typical) * 3 / 2))
		time.Sleep(delay)
		_ = cmd.Process.Kill()
		_ = cmd.Wait() // reaped, so the next build sees the process is gone

		got := snapshot(t, dest)
		switch {
		case diffTrees(refs[next], got) == "":
			current = next
			finished++
		case diffTrees(refs[current], got) == "":
			interrupted++
		default:
			t.Fatalf("round %d, killed after %s: the destination is neither the last build nor the new one:\nagainst the last build:\n%sagainst the new one:\n%s",
				round, delay, diffTrees(refs[current], got), diffTrees(refs[next], got))
		}
	}
	t.Logf("%d builds killed before they finished, %d finished first (a build takes about %s)", interrupted, finished, typical)
	if rounds >= 20 && interrupted == 0 {
		t.Errorf("no build was killed before it finished: the test tested nothing")
	}

	// A normal build after the kills: complete, and nothing left beside it.
	if code, out := runBuildAsOf(t, site, dest, time.Minute, asOf); code != 0 {
		t.Fatalf("build after the kills failed:\n%s", out)
	}
	if d := diffTrees(refs[inPlace], snapshot(t, dest)); d != "" {
		t.Errorf("the build after the kills is not the complete build of the content in place:\n%s", d)
	}
	if left := leftovers(t, dest); len(left) > 0 {
		var names []string
		for _, l := range left {
			names = append(names, filepath.Base(l))
		}
		t.Errorf("temporary folders left beside the destination: %s", strings.Join(names, ", "))
	}
}

// latestReview returns the latest "reviewed:" date in the handouts files,
// as YYYY-MM-DD.
func latestReview(t *testing.T, files []string) string {
	t.Helper()
	latest := ""
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if m := reviewedLine.FindSubmatch(b); m != nil && string(m[1]) > latest {
			latest = string(m[1])
		}
	}
	if latest == "" {
		t.Fatal("no handout says when it was reviewed")
	}
	return latest
}

var reviewedLine = regexp.MustCompile(`(?m)^reviewed: (\d{4}-\d{2}-\d{2})\s*$`)
