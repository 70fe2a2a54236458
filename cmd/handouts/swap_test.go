//go:build linux

package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// The environment with which a test asks this binary to run handouts in a
// mount namespace of its own, with folders bind-mounted (runHelper).
const (
	helperMounts = "HANDOUTS_TEST_MOUNTS" // "source|target|ro" or "source|target|rw", one a line
	helperBin    = "HANDOUTS_TEST_BIN"    // the handouts binary to run
	helperFailed = 125                    // the exit code when the mounts could not be made
)

// runHelper, when the environment asks, makes the bind mounts it names and
// replaces this process with handouts, run with this process's arguments.
// The test starts it in a mount namespace of its own, so the mounts never
// touch the machine's and go when it ends.
func runHelper() {
	spec, ok := os.LookupEnv(helperMounts)
	if !ok {
		return
	}
	for _, line := range strings.Split(spec, "\n") {
		parts := strings.Split(line, "|")
		if len(parts) != 3 {
			fmt.Fprintf(os.Stderr, "helper: bad mount %q\n", line)
			os.Exit(helperFailed)
		}
		if err := unix.Mount(parts[0], parts[1], "", unix.MS_BIND, ""); err != nil {
			fmt.Fprintf(os.Stderr, "helper: mount: %v\n", err)
			os.Exit(helperFailed)
		}
		if parts[2] == "ro" {
			if err := unix.Mount("", parts[1], "", unix.MS_BIND|unix.MS_REMOUNT|unix.MS_RDONLY, ""); err != nil {
				fmt.Fprintf(os.Stderr, "helper: mount read-only: %v\n", err)
				os.Exit(helperFailed)
			}
		}
	}
	bin := os.Getenv(helperBin)
	var env []string
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, helperMounts+"=") && !strings.HasPrefix(e, helperBin+"=") {
			env = append(env, e)
		}
	}
	err := syscall.Exec(bin, append([]string{bin}, os.Args[1:]...), env)
	fmt.Fprintf(os.Stderr, "helper: %v\n", err)
	os.Exit(helperFailed)
}

// builder is whom the builds of a test run as: this process's user, or,
// when the tests run as root, whom root ignores permissions for, an
// ordinary user (nobody), so that a read-only folder stops its builds as it
// stops an author's.
type builder struct {
	cred     *syscall.Credential // nil: this process's user
	uid, gid int
}

func newBuilder() builder {
	if os.Geteuid() != 0 {
		return builder{uid: os.Geteuid(), gid: os.Getegid()}
	}
	return builder{cred: &syscall.Credential{Uid: 65534, Gid: 65534}, uid: 65534, gid: 65534}
}

// workspace returns a new folder that the builder owns and may reach, and
// makes sure the test can remove it, whatever the test made read-only.
func (b builder) workspace(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{filepath.Dir(dir), dir} { // the parent is the test's own
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chown(dir, b.uid, b.gid); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { // before t.TempDir's own cleanup, which cannot enter read-only folders
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				_ = os.Chmod(p, 0o755)
			}
			return nil
		})
	})
	return dir
}

// own gives the builder every file under dir.
func (b builder) own(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, b.uid, b.gid)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// run runs handouts with args as the builder, or, with mounts, as root in
// a mount namespace of its own with those bind mounts made (runHelper).
// It returns the exit code and what the command printed.
func (b builder) run(t *testing.T, mounts []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, handoutsBin, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: b.cred}
	if len(mounts) > 0 {
		cmd = exec.CommandContext(ctx, os.Args[0], args...)
		cmd.Env = append(os.Environ(), helperMounts+"="+strings.Join(mounts, "\n"), helperBin+"="+handoutsBin)
		cmd.SysProcAttr = &syscall.SysProcAttr{Unshareflags: syscall.CLONE_NEWNS}
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if cmd.ProcessState == nil {
		if len(mounts) > 0 {
			t.Skipf("cannot start a process in a mount namespace of its own here: %v", err)
		}
		t.Fatalf("running handouts %v: %v", args, err)
	}
	if len(mounts) > 0 && cmd.ProcessState.ExitCode() == helperFailed && strings.HasPrefix(errOut.String(), "helper:") {
		t.Skipf("cannot bind-mount folders here: %s", errOut.String())
	}
	return cmd.ProcessState.ExitCode(), out.String(), errOut.String()
}

// setImmutable marks the file p immutable (chattr +i), or not: then no
// one may delete it, root included, and no permission check sees it.
func setImmutable(p string, on bool) error {
	const immutable = 0x10 // FS_IMMUTABLE_FL, in linux/fs.h
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	flags, err := unix.IoctlGetUint32(int(f.Fd()), unix.FS_IOC_GETFLAGS)
	if err != nil {
		return err
	}
	if on {
		flags |= immutable
	} else {
		flags &^= immutable
	}
	return unix.IoctlSetPointerInt(int(f.Fd()), unix.FS_IOC_SETFLAGS, int(flags))
}

// chmod changes the mode of p, and returns how to change it back.
func chmod(t *testing.T, p string, mode fs.FileMode) func() {
	t.Helper()
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	return func() { _ = os.Chmod(p, info.Mode().Perm()|info.Mode()&(fs.ModeSticky)) }
}

// swapCase is an earlier build that a new build may not be able to delete
// once it has taken its place.
type swapCase struct {
	name string
	// root says why the case can only be made by root, or is "".
	root string
	// setup makes the earlier build at dest, in the site's folder, hard to
	// delete, and returns how to undo that, or nil.
	setup func(t *testing.T, b builder, site, dest string) (undo func())
	// mounts are bind mounts ("source|target|ro") for the build to see.
	mounts func(elsewhere, dest string) []string
	// code is the exit code; want are parts of what the build prints.
	code int
	want []string
	// leftover is set when the build succeeds but leaves the previous
	// build beside the new one, and says so.
	leftover bool
}

var swapCases = []swapCase{
	{name: "destination read-only",
		setup: func(t *testing.T, _ builder, _, dest string) func() { return chmod(t, dest, 0o555) },
		code:  1, want: []string{"cannot replace the destination ", "/public is read-only (permission denied), so the earlier build in ", "make it writable (chmod -R u+w "}},
	{name: "a folder inside read-only",
		setup: func(t *testing.T, _ builder, _, dest string) func() {
			return chmod(t, filepath.Join(dest, "css"), 0o555)
		},
		code: 1, want: []string{"cannot replace the destination ", "/public/css is read-only (permission denied)", "or choose another --destination"}},
	{name: "a folder inside unreadable",
		setup: func(t *testing.T, _ builder, _, dest string) func() {
			return chmod(t, filepath.Join(dest, "handouts"), 0o311)
		},
		code: 1, want: []string{"/public/handouts cannot be read (permission denied)", "make it readable (chmod -R u+rwX "}},
	{name: "parent folder read-only",
		setup: func(t *testing.T, _ builder, site, _ string) func() { return chmod(t, site, 0o555) },
		code:  1, want: []string{"cannot write beside the destination ", "choose a --destination in a folder you can write to"}},
	{name: "read-only files",
		setup: func(t *testing.T, _ builder, _, dest string) func() {
			var undo []func()
			for _, f := range []string{"index.html", "404.html", "sitemap.xml", "favicon.svg"} {
				undo = append(undo, chmod(t, filepath.Join(dest, f), 0o444))
			}
			return func() {
				for _, u := range undo {
					u()
				}
			}
		},
		code: 0},
	{name: "sticky folder holding another user's file", root: "only root can give a file to another user",
		setup: func(t *testing.T, _ builder, _, dest string) func() {
			css := filepath.Join(dest, "css")
			matches, _ := filepath.Glob(filepath.Join(css, "*.css"))
			for _, p := range append(matches, css) {
				if err := os.Lchown(p, 0, 0); err != nil {
					t.Fatal(err)
				}
			}
			return chmod(t, css, 0o777|fs.ModeSticky)
		},
		code: 1, want: []string{"belongs to another user, in ", "/public/css, where only a file's owner may delete it"}},
	{name: "a mount point inside", root: "only root can mount a folder",
		mounts: func(elsewhere, dest string) []string {
			return []string{elsewhere + "|" + filepath.Join(dest, "css") + "|rw"}
		},
		code: 1, want: []string{"/public/css is a mount point, and deleting the earlier build in ", "would empty what is mounted there: unmount it"}},
	{name: "destination a read-only bind mount", root: "only root can mount a folder",
		mounts: func(_, dest string) []string { return []string{dest + "|" + dest + "|ro"} },
		code:   1, want: []string{"/public is a mount point, which cannot be moved aside: build into a folder inside it, like "}},
	{name: "a file no one may delete", root: "only root can mark a file immutable",
		setup: func(t *testing.T, _ builder, _, dest string) func() {
			p := filepath.Join(dest, "favicon.svg")
			if err := setImmutable(p, true); err != nil {
				t.Skipf("cannot mark a file immutable here (%v)", err)
			}
			return func() {
				// The build moved the previous one aside.
				matches, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.tmp-*", "favicon.svg"))
				for _, m := range append(matches, p) {
					_ = setImmutable(m, false)
				}
			}
		},
		code: 0, leftover: true,
		want: []string{"warning: the new build is in place, but the previous one, moved aside to ", "favicon.svg: operation not permitted): delete it yourself, or run \"handouts clean\""}},
}

// TestSwapFailures builds a site over an earlier build that the builder
// may not delete, in every way we know, and checks the README's promise:
// either the build fails with exit code 1, says what to fix and leaves the
// earlier build byte for byte as it was, or the new build is in place,
// the exit code is 0, and a warning names what was left behind, which the
// next build removes once it can.
func TestSwapFailures(t *testing.T) {
	for _, c := range swapCases {
		t.Run(c.name, func(t *testing.T) {
			if c.root != "" && os.Geteuid() != 0 {
				t.Skipf("runs as root only: %s", c.root)
			}
			b := newBuilder()
			ws := b.workspace(t)
			site := newSiteIn(t, filepath.Join(ws, "site"))
			elsewhere := filepath.Join(ws, "elsewhere") // what a mount shows
			writeFile(t, elsewhere, "keep.txt", "not the site's")
			b.own(t, ws)
			dest := filepath.Join(site, "public")
			if code, out, errOut := b.run(t, nil, "build", "--source", site); code != 0 {
				t.Fatalf("the first build failed (exit %d):\n%s%s", code, out, errOut)
			}
			// The next build makes something else, and ref is what.
			editFile(t, site, "content/handouts/good.md", "Wash your hands before you start.", "Wash your hands well before you start.")
			ref := filepath.Join(ws, "ref")
			if code, out, errOut := b.run(t, nil, "build", "--source", site, "--destination", ref); code != 0 {
				t.Fatalf("the reference build failed (exit %d):\n%s%s", code, out, errOut)
			}
			want := snapshot(t, ref)
			before, outside := snapshot(t, dest), snapshot(t, elsewhere)

			undo := func() {}
			if c.setup != nil {
				if u := c.setup(t, b, site, dest); u != nil {
					undo = u
				}
			}
			var mounts []string
			if c.mounts != nil {
				mounts = c.mounts(elsewhere, dest)
			}
			code, stdout, stderr := b.run(t, mounts, "build", "--source", site)
			undo()
			out := stdout + stderr
			if code != c.code {
				t.Errorf("exit code %d, want %d:\n%s", code, c.code, out)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("the build does not say %q; it says:\n%s", w, out)
				}
			}
			if crashed.MatchString(out) || strings.Contains(out, "unlinkat") && c.code == 1 {
				t.Errorf("the message is not one a person can act on:\n%s", out)
			}
			if d := diffTrees(outside, snapshot(t, elsewhere)); d != "" {
				t.Errorf("the build changed a folder mounted inside the destination:\n%s", d)
			}
			left := leftovers(t, dest)
			if c.code != 0 {
				if d := diffTrees(before, snapshot(t, dest)); d != "" {
					t.Errorf("the failed build changed the destination:\n%s", d)
				}
				if len(left) > 0 {
					t.Errorf("the failed build left %v", left)
				}
				return
			}
			if d := diffTrees(want, snapshot(t, dest)); d != "" {
				t.Errorf("the destination is not the new build:\n%s", d)
			}
			if c.leftover != (len(left) == 1) || len(left) > 1 {
				t.Fatalf("left beside the destination: %v", left)
			}
			if c.leftover && !strings.Contains(out, left[0]) {
				t.Errorf("the warning does not name %s:\n%s", left[0], out)
			}
			// Once it can be deleted, the next build removes what was left.
			if code, out, errOut := b.run(t, nil, "build", "--source", site); code != 0 || strings.Contains(errOut, "warning") {
				t.Errorf("the next build: exit %d\n%s%s", code, out, errOut)
			}
			if left := leftovers(t, dest); len(left) > 0 {
				t.Errorf("the next build left %v", left)
			}
		})
	}
}

// TestCleanCannotDelete checks that clean, like build, removes nothing of
// an earlier build it cannot delete whole, and says what to fix.
func TestCleanCannotDelete(t *testing.T) {
	b := newBuilder()
	ws := b.workspace(t)
	site := newSiteIn(t, filepath.Join(ws, "site"))
	b.own(t, ws)
	if code, out, errOut := b.run(t, nil, "build", "--source", site); code != 0 {
		t.Fatalf("build: exit %d\n%s%s", code, out, errOut)
	}
	dest := filepath.Join(site, "public")
	before := snapshot(t, dest)
	undo := chmod(t, filepath.Join(dest, "css"), 0o555)
	code, stdout, stderr := b.run(t, nil, "clean", "--source", site)
	undo()
	want := "handouts: cannot remove " + dest + ": " + dest + "/css is read-only (permission denied), so the earlier build in " + dest + " cannot be deleted: make it writable (chmod -R u+w " + dest + ")\n"
	if code != exitBuild || stdout != "" || stderr != want {
		t.Errorf("exit %d (want %d)\nstdout: %q\nstderr: %q\nwant:   %q", code, exitBuild, stdout, stderr, want)
	}
	if d := diffTrees(before, snapshot(t, dest)); d != "" {
		t.Errorf("clean changed the destination:\n%s", d)
	}
}
