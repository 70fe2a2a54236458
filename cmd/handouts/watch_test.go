package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

// rebuildLine matches the one line a rebuild in watch mode prints.
var rebuildLine = regexp.MustCompile(`^(?:\S+: )?(?:built|rebuilt|failed in) `)

// TestWatchPrintsWhatIsNew runs "handouts build --watch", edits a handout
// step by step, and checks that each rebuild prints one line with what
// changed, how long it took and how many findings are new or gone, and
// only the findings that are new, in full.
func TestWatchPrintsWhatIsNew(t *testing.T) {
	site := newSite(t)
	const rel = "content/handouts/good.md"
	good := goodHandout()
	caps := strings.Replace(good, "Wash your hands", "WASH your hands", 1)
	twoCaps := strings.Replace(caps, "Sit in a calm place.", "Sit in a CALM place.", 1)
	moved := strings.Replace(twoCaps, "## Steps\n", "## Steps\n\nA new first line.\n\n", 1)
	broken := strings.Replace(twoCaps, "Take a slow breath.", "Take a [slow breath](/nowhere/).", 1)
	brokenAgain := strings.Replace(broken, "Sit in a CALM place.", "Sit in a CALM, quiet place.", 1)

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(handoutsBin, "build", "--watch", "--source", site, "--destination", filepath.Join(t.TempDir(), "public"), "--as-of", testDay)
	cmd.Stdout, cmd.Stderr = w, w // one pipe, so the findings come before their line, in order
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGINT)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(wait):
			_ = cmd.Process.Kill()
			<-done
		}
		r.Close()
	})
	// next returns what one build printed: the findings, then its line.
	next := func(what string) (printed []string, line string) {
		t.Helper()
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("%s: handouts stopped; it printed %q", what, printed)
				}
				if rebuildLine.MatchString(l) {
					return printed, l
				}
				printed = append(printed, l)
			case <-time.After(wait):
				t.Fatalf("%s: no rebuild line within %s; printed %q", what, wait, printed)
			}
		}
	}

	printed, line := next("the first build")
	if len(printed) != 0 || !strings.HasPrefix(line, "built 1 handout") {
		t.Fatalf("the first build printed %q, then %q", printed, line)
	}
	for _, step := range []struct {
		name, source string
		printed      []string // what each line printed before it has in it
		line         []string // what the rebuild line has in it
	}{
		{"a new warning", caps,
			[]string{rel + ":" + at(caps, "WASH") + ": warning: \"WASH\" is in capital letters"},
			[]string{rel + ": rebuilt ", " in ", "; 1 warning (1 new, 0 gone)"}},
		{"one more: only it is printed", twoCaps,
			[]string{rel + ":" + at(twoCaps, "CALM") + ": warning: \"CALM\""},
			[]string{"; 2 warnings (1 new, 0 gone)"}},
		{"a line above both: they moved, nothing is new", moved,
			nil,
			[]string{"; 2 warnings (0 new, 0 gone)"}},
		{"a broken link: a new error", broken,
			[]string{rel + ":" + at(broken, "[slow breath]") + ": link to /nowhere/: no such page"},
			[]string{rel + ": failed in ", "; 1 error (1 new, 0 gone)"}},
		{"still broken: the error is not repeated", brokenAgain,
			nil,
			[]string{rel + ": failed in ", "; 1 error (0 new, 0 gone)"}},
		{"fixed, and both warnings gone", good,
			nil,
			[]string{rel + ": rebuilt ", "; 0 errors (0 new, 1 gone); 0 warnings (0 new, 2 gone)"}},
	} {
		writeFile(t, site, rel, step.source)
		printed, line := next(step.name)
		t.Logf("%s: %s", step.name, line)
		if len(printed) != len(step.printed) {
			t.Errorf("%s: printed %q before the line, want %d lines", step.name, printed, len(step.printed))
		}
		for i, want := range step.printed {
			if i < len(printed) && !strings.Contains(printed[i], want) {
				t.Errorf("%s: printed %q, want it to have %q", step.name, printed[i], want)
			}
		}
		for _, want := range step.line {
			if !strings.Contains(line, want) {
				t.Errorf("%s: the line is %q, want it to have %q", step.name, line, want)
			}
		}
	}
}

// at is where needle first appears in text, as "line:col" (columns in
// characters, from 1), so the expected findings follow the test handout
// when lines are added to it.
func at(text, needle string) string {
	i := strings.Index(text, needle)
	if i < 0 {
		panic("no " + needle + " in the test handout")
	}
	before := text[:i]
	line := strings.Count(before, "\n") + 1
	col := utf8.RuneCountInString(before[strings.LastIndex(before, "\n")+1:]) + 1
	return fmt.Sprintf("%d:%d", line, col)
}
