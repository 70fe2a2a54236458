package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The budgets every build keeps to, whatever its sources hold, as long as
// each file is under the 1 MB a page may be: memory in all, time per page
// (counted as CPU time, which a busy machine does not stretch), and the
// time from Ctrl-C to the end of the command.
const (
	memoryBudget = 500 << 20
	pageBudget   = 10 * time.Second
	stopBudget   = time.Second
	// memoryLimit is the GOMEMLIMIT the command runs under: the garbage
	// collector keeps the heap below it when it can, so a peak above the
	// budget means memory the build could not give back.
	memoryLimit = "400MiB"
)

// costlyInput is a site whose sources cost the most to build of their kind:
// the shapes that once took minutes or gigabytes, at and past the limits.
type costlyInput struct {
	name string
	// files are written into a site that builds; made when the case runs,
	// so that the test keeps little in memory (see finish).
	files func() map[string]string
	// pages is how many pages the files hold, for the time budget.
	pages int
	// want is what the output must say; "" when the site must build.
	want string
}

// repeat joins n lines made by line.
func repeat(n int, line func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(line(i))
	}
	return b.String()
}

// fill repeats unit up to size bytes.
func fill(unit string, size int) string {
	return strings.Repeat(unit, size/len(unit))
}

func costlyInputs() []costlyInput {
	const mb = 1_000_000 - 2_000 // under the limit, with room for the front matter
	nested := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	return []costlyInput{
		{name: "YAML brackets nested in front matter, 200 kB",
			files: func() map[string]string {
				return map[string]string{"content/handouts/x.md": handout("topics: "+nested(100_000)+"\n", "Body.\n")}
			},
			pages: 1, want: "content/handouts/x.md:2:1: front matter is 195 kB, more than the 128 kB it may be"},
		{name: "YAML brackets nested in front matter, 60 kB",
			files: func() map[string]string {
				return map[string]string{"content/handouts/x.md": handout("topics: "+nested(30_000)+"\n", "Body.\n")}
			},
			pages: 1, want: "content/handouts/x.md:8:28: front matter nests lists and sets of keys more than 20 deep here"},
		{name: "YAML braces nested in the site settings",
			files: func() map[string]string {
				return map[string]string{"content/_index.md": "---\ntitle: \"T\"\ndescription: " + strings.Repeat("{a: ", 30) + strings.Repeat("}", 30) + "\n---\n"}
			},
			pages: 1, want: "content/_index.md:3:90: front matter nests lists and sets of keys more than 20 deep here"},
		{name: "YAML keys by the thousand",
			files: func() map[string]string {
				return map[string]string{"content/handouts/x.md": handout(repeat(3_000, func(i int) string { return fmt.Sprintf("k%d: v\n", i) }), "Body.\n")}
			},
			pages: 1, want: "front matter holds more than 5000 keys"},
		{name: "block quotes deeper on each line, 1 MB",
			files: func() map[string]string {
				return map[string]string{"content/handouts/x.md": handout("", repeat(1_400, func(i int) string { return strings.Repeat(">", i+1) + " x\n" }))}
			},
			pages: 1, want: "more than 100,000 punctuation marks"},
		{name: "block quotes deeper on each line, within the marks",
			files: func() map[string]string {
				return map[string]string{"content/handouts/x.md": handout("", repeat(440, func(i int) string { return strings.Repeat(">", i+1) + " x\n" }))}
			},
			pages: 1},
		{name: "lists indented deeper on each line, 1 MB",
			files: func() map[string]string {
				return map[string]string{"content/handouts/x.md": handout("", repeat(1_000, func(i int) string { return strings.Repeat("  ", i) + "- x\n" }))}
			},
			pages: 1},
		{name: "a paragraph of 250,000 character references",
			files: func() map[string]string {
				return map[string]string{"content/handouts/x.md": handout("", "Wash. "+fill("&gt;", mb)+"\n")}
			},
			pages: 1},
		{name: "emphasis that never closes, 50 paragraphs",
			files: func() map[string]string {
				return map[string]string{"content/handouts/x.md": handout("", repeat(50, func(int) string { return strings.Repeat("*a_ ", 1_000) + "\n\n" }))}
			},
			pages: 1},
		{name: "links that never close, then 1 MB of words",
			files: func() map[string]string {
				return map[string]string{"content/handouts/x.md": handout("", strings.Repeat("[a](<b", 600)+fill(" word", mb-10_000)+"\n")}
			},
			pages: 1},
		{name: "nested brackets, 50 paragraphs",
			files: func() map[string]string {
				return map[string]string{"content/handouts/x.md": handout("", repeat(50, func(int) string { return strings.Repeat("[", 1_000) + "a" + strings.Repeat("]", 1_000) + "\n\n" }))}
			},
			pages: 1},
		{name: "a run of a million quotes",
			files: func() map[string]string {
				return map[string]string{"content/handouts/x.md": handout("", "x"+fill("\"", mb)+"\n")}
			},
			pages: 1, want: "more than 100,000 punctuation marks"},
		{name: "50,000 headings of one name",
			files: func() map[string]string {
				return map[string]string{"content/handouts/x.md": handout("", strings.Repeat("## Steps\n", 50_000))}
			},
			pages: 1},
		{name: "a table of 100,000 cells",
			files: func() map[string]string {
				return map[string]string{"content/handouts/x.md": handout("", "|"+strings.Repeat("a|", 1_000)+"\n|"+strings.Repeat("-|", 1_000)+"\n"+strings.Repeat("|"+strings.Repeat("x|", 1_000)+"\n", 95))}
			},
			pages: 1},
		{name: "footnotes nested on one line",
			files: func() map[string]string {
				return map[string]string{"content/handouts/x.md": handout("", strings.Repeat("[^1]: ", 600))}
			},
			pages: 1, want: "content/handouts/x.md:9:1: more than 500 footnotes"},
		{name: "twenty costly pages",
			files: func() map[string]string {
				files := map[string]string{}
				for i := range 20 {
					files[fmt.Sprintf("content/handouts/x%02d.md", i)] = handout("", repeat(50, func(int) string { return strings.Repeat("[", 1_000) + "a" + strings.Repeat("]", 1_000) + "\n\n" }))
				}
				return files
			},
			pages: 20},
	}
}

// costlySiteIndex is the settings of a site where any reading level will
// do.
const costlySiteIndex = "---\ntitle: \"Test handouts\"\nbase_url: \"https://handouts.example.org/\"\nreadability: {max_grade: 1000000}\n---\nWelcome.\n"

// costlyRun is one run of the command: what it said and what it cost.
type costlyRun struct {
	code      int
	out       string
	wall, cpu time.Duration
	// peak is the most resident memory the kernel counted for the
	// process, in bytes; selfPeak the most it was seen to use itself.
	peak, selfPeak int64
}

// startBounded starts "handouts build" on site under the memory limit.
func startBounded(t *testing.T, site string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(handoutsBin, "build", "--source", site, "--destination", filepath.Join(site, "public"))
	cmd.Env = append(os.Environ(), "GOMEMLIMIT="+memoryLimit)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &out
}

// finish waits for cmd, killing it after timeout, and says what it cost.
//
// The peak is the kernel's count for the process (Maxrss), which is sound
// but may be high: a child made by vfork, as os/exec makes them, starts
// with its parent's peak, the test's own, until it runs the command. So
// the peak of the command alone, read from /proc every few milliseconds
// (VmHWM, which starts anew with the command), is logged beside it.
func finish(t *testing.T, cmd *exec.Cmd, out *bytes.Buffer, start time.Time, timeout time.Duration) costlyRun {
	t.Helper()
	done := make(chan struct{})
	sampled := make(chan int64, 1)
	go func() {
		var peak int64
		defer func() { sampled <- peak }()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		deadline := time.After(timeout)
		for {
			select {
			case <-done:
				return
			case <-deadline:
				_ = cmd.Process.Kill()
			case <-tick.C:
				peak = max(peak, highWater(cmd.Process.Pid))
			}
		}
	}()
	err := cmd.Wait()
	close(done)
	selfPeak := <-sampled
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		t.Fatalf("running handouts: %v", err)
	}
	if wall >= timeout {
		t.Fatalf("handouts build did not finish in %s:\n%.2000s", timeout, out.String())
	}
	r := costlyRun{code: cmd.ProcessState.ExitCode(), out: out.String(), wall: wall,
		cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.peak = ru.Maxrss << 10 // kilobytes on Linux
	}
	r.selfPeak = selfPeak
	return r
}

// highWater returns the peak resident memory of the process pid so far, in
// bytes, as /proc says, or 0 where there is no /proc.
func highWater(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			if _, err := fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), &kb); err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// TestResourceBounds builds sites of the costliest sources there are with
// the real command, under GOMEMLIMIT, and checks that each build stays
// within the memory budget (its peak resident memory, as the kernel counts
// it) and the time budget per page, and either builds or fails with a
// positioned error that says what to do.
func TestResourceBounds(t *testing.T) {
	for _, c := range costlyInputs() {
		t.Run(c.name, func(t *testing.T) {
			site := newSite(t)
			// No costly page reads easily: the reading level is not
			// what this test is about.
			writeFile(t, site, "content/_index.md", costlySiteIndex)
			for rel, data := range c.files() {
				writeFile(t, site, rel, data)
			}
			start := time.Now()
			cmd, out := startBounded(t, site)
			r := finish(t, cmd, out, start, 2*time.Minute)
			t.Logf("exit %d, %s of CPU, %s in all, %d MB at most (the command alone: %d MB)", r.code, r.cpu.Round(time.Millisecond), r.wall.Round(time.Millisecond), r.peak>>20, r.selfPeak>>20)
			if crashed.MatchString(r.out) {
				t.Fatalf("the build crashed:\n%.2000s", r.out)
			}
			if r.peak > memoryBudget {
				t.Errorf("the build took %d MB, more than the %d MB budget", r.peak>>20, memoryBudget>>20)
			}
			if budget := time.Duration(c.pages) * pageBudget; r.cpu > budget {
				t.Errorf("the build took %s of CPU time for %d pages, more than %s", r.cpu, c.pages, budget)
			}
			switch {
			case c.want == "" && r.code != 0:
				t.Errorf("exit code %d, want 0:\n%.2000s", r.code, r.out)
			case c.want != "" && r.code != 1:
				t.Errorf("exit code %d, want 1:\n%.2000s", r.code, r.out)
			case c.want != "":
				checkMessages(t, r.out, false)
				if !mentions(r.out, c.want) && !strings.Contains(r.out, c.want) {
					t.Errorf("the output does not say %q:\n%.2000s", c.want, r.out)
				}
			}
		})
	}
}

// TestInterruptStopsQuickly interrupts builds of a costly site, as Ctrl-C
// does, at several moments, and checks that each stops within a second,
// says it was canceled and leaves nothing behind.
func TestInterruptStopsQuickly(t *testing.T) {
	site := newSite(t)
	for i := range 40 {
		writeFile(t, site, fmt.Sprintf("content/handouts/x%02d.md", i),
			handout("", repeat(50, func(int) string { return strings.Repeat("[", 1_000) + "a" + strings.Repeat("]", 1_000) + "\n\n" })))
	}
	dest := filepath.Join(site, "public")
	for _, after := range []time.Duration{300 * time.Millisecond, time.Second, 2 * time.Second} {
		start := time.Now()
		cmd, out := startBounded(t, site)
		time.Sleep(after)
		sent := time.Now()
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}
		r := finish(t, cmd, out, start, time.Minute)
		stopped := time.Since(sent)
		t.Logf("interrupted after %s: stopped in %s, exit %d", after, stopped.Round(time.Millisecond), r.code)
		if r.code == 0 {
			t.Logf("the build finished before the interrupt; a later one is interrupted")
			if err := os.RemoveAll(dest); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if stopped > stopBudget {
			t.Errorf("interrupted after %s, the build took %s to stop, more than %s", after, stopped, stopBudget)
		}
		if !strings.Contains(r.out, "build canceled") || crashed.MatchString(r.out) {
			t.Errorf("interrupted after %s, the build said:\n%.2000s", after, r.out)
		}
		if _, err := os.Lstat(dest); err == nil {
			t.Errorf("the interrupted build made %s", dest)
		}
		if left := leftovers(t, dest); len(left) > 0 {
			t.Errorf("temporary folders left beside the destination: %v", left)
		}
	}
}
