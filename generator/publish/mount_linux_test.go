package publish

import (
	"os"
	"strings"
	"testing"
)

// TestMountedInside checks the quick look for a mount point in a
// destination that Commit takes just before it deletes the previous build.
func TestMountedInside(t *testing.T) {
	if _, err := os.Stat("/proc/self/mountinfo"); err != nil {
		t.Skip("no /proc/self/mountinfo here")
	}
	if err := mountedInside(t.TempDir()); err != nil {
		t.Errorf("a new folder: %v", err)
	}
	if err := mountedInside("/proc"); err == nil || !strings.Contains(err.Error(), "/proc is a mount point, which cannot be moved aside") {
		t.Errorf("/proc: %v", err)
	}
	if err := mountedInside("/"); err == nil {
		t.Errorf("/ holds mount points, but none was found")
	}
}

func TestUnescapeMount(t *testing.T) {
	for in, want := range map[string]string{
		"/plain":          "/plain",
		`/a\040b`:         "/a b",
		`/tab\011new\012`: "/tab\tnew\n",
		`/back\134slash`:  `/back\slash`,
		`/not\09octal`:    `/not\09octal`,
		`/short\04`:       `/short\04`,
	} {
		if got := unescapeMount(in); got != want {
			t.Errorf("unescapeMount(%q) = %q, want %q", in, got, want)
		}
	}
}
