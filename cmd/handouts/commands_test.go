package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// TestHelp asks every command for its help in every way and checks that
// the help is printed once, on stdout, with exit code 0; and that a flag
// that does not exist is a usage error explained on stderr.
func TestHelp(t *testing.T) {
	site := t.TempDir()
	for _, c := range commands() {
		for _, args := range [][]string{{c.name, "-h"}, {c.name, "--help"}, {c.name, "-help"}, {"help", c.name}} {
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				code, stdout, stderr := runHandouts(t, site, args...)
				head := "Usage:\n  handouts " + c.name
				if code != exitOK || strings.Count(stdout, head) != 1 || stderr != "" {
					t.Errorf("exit %d (want 0); the help %d times on stdout (want once), stderr:\n%s\nstdout:\n%s", code, strings.Count(stdout, head), stderr, stdout)
				}
			})
		}
	}
	t.Run("new, with the flag after the words", func(t *testing.T) {
		code, stdout, stderr := runHandouts(t, site, "new", "page", "About", "-h")
		if code != exitOK || strings.Count(stdout, "Usage:\n  handouts new ") != 1 || stderr != "" {
			t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
		}
		if _, err := os.Stat(filepath.Join(site, "content")); err == nil {
			t.Errorf("new -h wrote a page")
		}
	})
	t.Run("a flag that does not exist", func(t *testing.T) {
		code, stdout, stderr := runHandouts(t, site, "build", "--nope")
		if code != exitUsage || stdout != "" || !strings.HasPrefix(stderr, "flag provided but not defined: -nope\n") ||
			strings.Count(stderr, "Usage:\n  handouts build ") != 1 {
			t.Errorf("exit %d (want %d)\nstdout:\n%s\nstderr:\n%s", code, exitUsage, stdout, stderr)
		}
	})
}

// TestUsageErrors checks command lines that cannot be right: exit code 2,
// one line on stderr saying what to do, nothing done.
func TestUsageErrors(t *testing.T) {
	site := newSite(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--port", "99999"}, "handouts serve: --port 99999 is not a port: use a number from 1 to 65535\n"},
		{[]string{"serve", "--port", "65536"}, "handouts serve: --port 65536 is not a port: use a number from 1 to 65535\n"},
		{[]string{"serve", "--port", "0"}, "handouts serve: --port 0 is not a port: use a number from 1 to 65535\n"},
		{[]string{"serve", "--port", "-1"}, "handouts serve: --port -1 is not a port: use a number from 1 to 65535\n"},
		{[]string{"check", "--quiet", "--format", "json"}, "handouts check: --quiet with --format json: JSON lists every finding, each with its severity; choose one\n"},
		{[]string{"clean", "public"}, "handouts clean: unexpected argument \"public\"; see \"handouts help clean\"\n"},
		{[]string{"version", "2"}, "handouts version: unexpected argument \"2\"; see \"handouts help version\"\n"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := runHandouts(t, site, tt.args...)
			if code != exitUsage || stdout != "" || stderr != tt.want {
				t.Errorf("exit %d (want %d)\nstdout: %q\nstderr: %q\nwant:   %q", code, exitUsage, stdout, stderr, tt.want)
			}
		})
	}
}

// TestServeAllInterfaces checks that serve listening on every interface
// prints an address that opens the preview, not the address it listens
// on, and warns that other machines can see it.
func TestServeAllInterfaces(t *testing.T) {
	for _, bind := range []string{"0.0.0.0", "::"} {
		t.Run(bind, func(t *testing.T) {
			ln, err := net.Listen("tcp", net.JoinHostPort(bind, "0"))
			if err != nil {
				t.Skipf("cannot listen on %s here: %v", bind, err)
			}
			ln.Close()
			root := t.TempDir()
			copyDir(t, filepath.Join("..", "..", "themes", "default"), filepath.Join(root, "themes", "default"))
			p := newServe(t, root, t.TempDir())
			p.args = []string{"--bind", bind}
			p.write("content/_index.md", "---\ntitle: Preview test\nbase_url: https://example.org/\n---\n\nHello.\n")
			p.start()
			if !regexp.MustCompile(`^http://localhost:\d+/$`).MatchString(p.url) {
				t.Errorf("serving %s: want http://localhost:PORT/, an address a browser opens", p.url)
			}
			resp, err := http.Get(p.url)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("GET %s: status %d", p.url, resp.StatusCode)
			}
			warning := fmt.Sprintf("warning: listening on all interfaces (--bind %s): other machines on the network can see this preview, drafts included", bind)
			if !strings.Contains(p.stderr.String(), warning) {
				t.Errorf("no warning %q in\n%s", warning, p.stderr)
			}
		})
	}
}

// TestVersion checks "handouts version" against what the Go tool says the
// binary was built from.
func TestVersion(t *testing.T) {
	out, err := exec.Command("go", "version", "-m", handoutsBin).Output()
	if err != nil {
		t.Fatalf("go version -m: %v", err)
	}
	recorded := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 3 && f[0] == "mod":
			recorded["version"] = f[2]
		case len(f) == 2 && f[0] == "build":
			if k, v, ok := strings.Cut(f[1], "="); ok {
				recorded[k] = v
			}
		}
	}
	var want []string
	want = append(want, "handouts "+recorded["version"]+" (")
	switch r := recorded["vcs.revision"]; r {
	case "":
		want = append(want, "(no revision recorded)")
	default:
		want = append(want, "(revision "+r)
	}
	if recorded["vcs.modified"] == "true" {
		want = append(want, ", with uncommitted changes)")
	}
	want = append(want, ", "+runtime.Version()+" ")
	var first string
	for _, args := range [][]string{{"version"}, {"--version"}, {"-version"}} {
		code, stdout, stderr := runHandouts(t, t.TempDir(), args...)
		if code != exitOK || stderr != "" || strings.Count(stdout, "\n") != 1 {
			t.Errorf("handouts %v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
		for _, w := range want {
			if !strings.Contains(stdout, w) {
				t.Errorf("handouts %v printed %q, without %q (go version -m says %v)", args, stdout, w, recorded)
			}
		}
		if first == "" {
			first = stdout
		} else if stdout != first {
			t.Errorf("handouts %v printed %q, and handouts version %q", args, stdout, first)
		}
	}
}

// TestVersionText checks how version describes each kind of build.
func TestVersionText(t *testing.T) {
	goVersion := ", " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
	tests := []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"a release", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "5b41eac374dc4d27c2e328123cbf40f6e15b0c04"}, {Key: "vcs.time", Value: "2026-05-09T07:29:33Z"}, {Key: "vcs.modified", Value: "false"}}},
			"handouts v1.2.0 (revision 5b41eac374dc4d27c2e328123cbf40f6e15b0c04, 2026-05-09T07:29:33Z)"},
		{"a checkout with changes", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "5b41eac374dc4d27c2e328123cbf40f6e15b0c04"}, {Key: "vcs.time", Value: "2026-05-09T07:29:33Z"}, {Key: "vcs.modified", Value: "true"}}},
			"handouts (devel) (revision 5b41eac374dc4d27c2e328123cbf40f6e15b0c04, 2026-05-09T07:29:33Z, with uncommitted changes)"},
		{"built without VCS information", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}},
			"handouts (devel) (no revision recorded)"},
		{"no build information", nil, "handouts (unknown version)"},
	}
	for _, tt := range tests {
		if got := version(tt.info); got != tt.want+goVersion {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want+goVersion)
		}
	}
}
