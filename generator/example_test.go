package generator_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"handouts/generator"
	"handouts/generator/diag"
)

// ExampleBuild builds a site of two handouts, a page and a packet into a
// new folder. The site has no themes/ folder, so the theme built into the
// program is used. A failed build returns a *diag.Errors, each finding
// leading with path:line:col, and leaves the destination as it was.
func ExampleBuild() {
	out, err := os.MkdirTemp("", "handouts-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(out)

	report, err := generator.Build(context.Background(), generator.Options{
		Source:      "testdata/sites/basic",
		Destination: filepath.Join(out, "public"),
		BaseURL:     "https://handouts.example.org/",
		// Reviews are aged from this day instead of today (--as-of).
		Now: func() time.Time { return time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC) },
	})
	var list *diag.Errors
	if errors.As(err, &list) {
		for _, d := range list.List {
			fmt.Println(d)
		}
		return
	}
	fmt.Printf("%d handouts, %d pages, %d errors\n", report.Handouts, report.Pages, report.Errors)
	for _, w := range report.Warnings {
		fmt.Println(w)
	}
	page, _ := os.ReadFile(filepath.Join(out, "public", "handouts", "first", "index.html"))
	fmt.Println(len(page) > 0)
	// Output:
	// 2 handouts, 4 pages, 0 errors
	// content/handouts/feeding/second.md:2:8: warning: no keywords: add the words parents use for this handout, as they would type them into search, like keywords: ["engorged", "clogged duct", "pump more milk"]
	// content/handouts/feeding/second.md:4:11: warning: no reviewed_by: the page and the printed sheet say that no clinician has reviewed this handout; once one has, add reviewed_by: "Name, credential" as your clinic records it
	// content/handouts/feeding/second.md:7:1: warning: 1 source; cite at least 2 (clinical guidance, research, a support organization), so readers and reviewers can check the advice
	// content/handouts/feeding/second.md:11:1: warning: no box saying when to call for help: add one with the warning signs, starting "> [!IMPORTANT] Call your doctor or lactation consultant if"
	// content/handouts/feeding/second.md:11:1: warning: the handout does not open with its key points: start it with a box "> [!NOTE] Key points" of 3 to 5 short points, so a reader sees the main message first
	// content/handouts/first.md:19:1: warning: the handout does not open with its key points: start it with a box "> [!NOTE] Key points" of 3 to 5 short points, so a reader sees the main message first
	// true
}
