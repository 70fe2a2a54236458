package browsertest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handouts/generator"
	"handouts/generator/address"
	"handouts/generator/content"
	"handouts/generator/frontmatter"
	"handouts/generator/theme"
)

// Time limits. Every wait in these tests is bounded, so a hung browser or
// tool fails the test instead of holding CI until its own limit.
const (
	buildTimeout   = 2 * time.Minute
	browserStartup = time.Minute
	tabTimeout     = 2 * time.Minute  // everything one subtest does with one page
	pageTimeout    = 30 * time.Second // one page, where a test walks them all in one tab
	toolTimeout    = time.Minute      // one run of pdftotext, zbarimg, ...
	vnuTimeout     = 5 * time.Minute  // the Nu checker, over every page at once
)

// howToInstall is what a skipped test prints: everything the browser tests
// need, in the commands .ci/run uses.
const howToInstall = "to run the browser tests: apt-get install chromium poppler-utils zbar-tools default-jre-headless fonts-dejavu-core; " +
	"npm install --prefix ~/.cache/handouts-ci axe-core@4.14.1 vnu-jar@26.9.27 " +
	"(or set CHROMIUM, AXE_CORE_JS and VNU_JAR to where they are)"

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.env != nil {
		shared.env.close()
	}
	os.Exit(code)
}

// inCI reports whether the tests run in CI, where a missing tool is a
// failure: a CI run that skipped the browser tests would prove nothing.
func inCI() bool {
	ci, _ := strconv.ParseBool(os.Getenv("CI"))
	return ci
}

// need finds the tools a test uses, by the names findTool knows, and
// returns their paths. A missing tool skips the test, or fails it in CI.
func need(t testing.TB, names ...string) map[string]string {
	t.Helper()
	paths := map[string]string{}
	var missing []string
	for _, name := range names {
		p, err := findTool(name)
		if err != nil {
			missing = append(missing, fmt.Sprintf("%s (%v)", name, err))
			continue
		}
		paths[name] = p
	}
	if len(missing) > 0 {
		msg := fmt.Sprintf("missing %s; %s", strings.Join(missing, ", "), howToInstall)
		if inCI() {
			t.Fatalf("CI=true and %s", msg)
		}
		t.Skip(msg)
	}
	return paths
}

// findTool looks up one tool: a program on PATH, or a file that npm
// installed, named by an environment variable or in the cache folder
// .ci/run installs into.
func findTool(name string) (string, error) {
	switch name {
	case "chromium":
		if p := os.Getenv("CHROMIUM"); p != "" {
			return exec.LookPath(p)
		}
		for _, prog := range []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"} {
			if p, err := exec.LookPath(prog); err == nil {
				return p, nil
			}
		}
		return "", errors.New("no chromium on PATH and CHROMIUM is unset")
	case "axe":
		return npmFile("AXE_CORE_JS", "axe-core/axe.min.js")
	case "vnu":
		return npmFile("VNU_JAR", "vnu-jar/build/dist/vnu.jar")
	default:
		return exec.LookPath(name)
	}
}

// npmFile finds a file from an npm package: at the path in the environment
// variable env, or in ~/.cache/handouts-ci/node_modules.
func npmFile(env, rel string) (string, error) {
	p := os.Getenv(env)
	if p == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("%s is unset and there is no cache folder: %v", env, err)
		}
		p = filepath.Join(cache, "handouts-ci", "node_modules", filepath.FromSlash(rel))
	}
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%s is unset or wrong: %v", env, err)
	}
	return p, nil
}

// run runs a tool with a time limit and returns its standard output.
func run(t testing.TB, name string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), toolTimeout)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, stderr.Bytes())
	}
	return stdout.Bytes()
}

// doc is a handout or a packet as its source describes it: what the printed
// pages must show.
type doc struct {
	Kind      content.Kind
	Path      string // "content/handouts/x.md"
	Slug      string
	URL       string // "/handouts/x/"
	Canonical string // "https://example.org/handouts/x/"
	ShortURL  string // "example.org/handouts/x/", as printed
	Title     string
	Summary   string
	// Lang is the page's language, and T the theme's words in it.
	Lang     string
	T        *theme.Strings
	Reviewed string // as printed: "November 20, 2026"
	// ReviewedBy names the clinician who reviewed it, or "".
	ReviewedBy string
	// NextReview is when its next review is due, as printed.
	NextReview string
	MaxPages   int
	// Sources are a handout's source addresses, printed in full.
	Sources []string
	// Handouts are a packet's handouts, in order.
	Handouts []*doc
}

// name is the doc's name in subtest names: "handouts/x" or "packets/y".
func (d *doc) name() string { return strings.Trim(d.URL, "/") }

// env is the built site, its server and the browser, shared by every test
// in the package and closed by TestMain.
type env struct {
	root string // the repository, which holds content/ and themes/
	// disclaimer is the disclaimer page's address as printed, by language.
	disclaimer map[string]string
	// asOf is the day of the latest review of a handout, which the site is
	// built as of.
	asOf     time.Time
	dir      string // the built site
	server   *httptest.Server
	settings content.Settings
	handouts []*doc
	packets  []*doc

	browserOnce   sync.Once
	browserCtx    context.Context
	browserErr    error
	stopBrowser   []context.CancelFunc
	profile, temp string
}

// shared is the one env of the package's tests.
var shared struct {
	once sync.Once
	env  *env
	err  error
}

// site builds the site once for all tests and serves it.
func site(t testing.TB) *env {
	t.Helper()
	shared.once.Do(func() { shared.env, shared.err = newEnv() })
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.env
}

func newEnv() (*env, error) {
	// The repository's own site, or another one to try the checks on.
	root := os.Getenv("HANDOUTS_SITE")
	if root == "" {
		root = filepath.Join("..", "..")
	}
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	temp, err := os.MkdirTemp("", "handouts-browsertest-")
	if err != nil {
		return nil, err
	}
	e := &env{root: root, temp: temp, dir: filepath.Join(temp, "public")}
	if err := e.readSources(); err != nil {
		e.close()
		return nil, err
	}
	if err := build(root, e.dir, e.asOf); err != nil {
		e.close()
		return nil, err
	}
	if e.server, err = serve(e.dir); err != nil {
		e.close()
		return nil, err
	}
	return e, nil
}

// build builds the site in the folder src into dest with the generator,
// with reviews aged as of the day asOf: the tests check the pages, not the
// calendar (handouts check in CI watches the reviews' age).
func build(src, dest string, asOf time.Time) error {
	ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
	defer cancel()
	if _, err := generator.Build(ctx, generator.Options{Source: src, Destination: dest, Now: func() time.Time { return asOf }}); err != nil {
		return fmt.Errorf("building the site in %s: %v", src, err)
	}
	return nil
}

// buildAndServe builds the site in src, as of the day the shared site is
// built as of, and serves it until the test ends.
func (e *env) buildAndServe(t *testing.T, src string) *httptest.Server {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "public")
	if err := build(src, dir, e.asOf); err != nil {
		t.Fatal(err)
	}
	server, err := serve(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(server.Close)
	return server
}

// serve serves a built site on a loopback port with the headers its
// _headers file gives Netlify, the Content-Security-Policy among them, so a
// page that needs an inline script or style, or anything from elsewhere,
// breaks here as it would there.
func serve(dir string) (*httptest.Server, error) {
	rules, err := headerRules(filepath.Join(dir, "_headers"))
	if err != nil {
		return nil, err
	}
	files := http.FileServer(http.Dir(dir))
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, rule := range rules {
			if strings.HasPrefix(r.URL.Path, rule.prefix) {
				for _, h := range rule.headers {
					w.Header().Set(h[0], h[1])
				}
			}
		}
		files.ServeHTTP(w, r)
	})), nil
}

// headerRule is one rule of a _headers file: the headers sent for every
// path that starts with prefix (the rule's path less its final "*").
type headerRule struct {
	prefix  string
	headers [][2]string
}

// headerRules reads a _headers file as Netlify does for the rules the build
// writes: a path ending in "*" on a line of its own, then its headers
// indented, "Name: value".
func headerRules(path string) ([]headerRule, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("the built site has no _headers: %v", err)
	}
	var rules []headerRule
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.TrimSpace(line) == "":
		case !strings.HasPrefix(line, " "):
			rules = append(rules, headerRule{prefix: strings.TrimSuffix(line, "*")})
		case len(rules) > 0:
			name, value, _ := strings.Cut(strings.TrimSpace(line), ":")
			rules[len(rules)-1].headers = append(rules[len(rules)-1].headers, [2]string{name, strings.TrimSpace(value)})
		}
	}
	for _, r := range rules {
		for _, h := range r.headers {
			if h[0] == "Content-Security-Policy" {
				return rules, nil
			}
		}
	}
	return nil, fmt.Errorf("%s sets no Content-Security-Policy header; the site promises one", path)
}

// readSources reads the site settings and every handout's and packet's
// front matter with the generator's own decoder.
func (e *env) readSources() error {
	fsys := os.DirFS(e.root)
	decode := func(f content.File, v any) error {
		raw, err := fs.ReadFile(fsys, f.Path)
		if err != nil {
			return err
		}
		d, err := frontmatter.Split(frontmatter.Normalize(raw))
		if err != nil {
			return fmt.Errorf("%s: %v", f.Path, err)
		}
		return errors.Join(frontmatter.Decode(f.Path, d.YAML, d.YAMLLine, v)...)
	}
	if err := decode(content.File{Path: content.Dir + "/_index.md"}, &e.settings); err != nil {
		return err
	}
	e.settings.Defaults()
	b, err := address.ParseBase(e.settings.BaseURL)
	if err != nil {
		return err
	}
	langs := e.settings.LanguageTags()
	files, errs := content.Scan(fsys, address.New(b, langs[0], langs[1:]...))
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	// The theme's words in each language: what the pages must print.
	words := map[string]*theme.Strings{}
	for _, lang := range langs {
		name := "themes/default/i18n/" + lang + ".yaml"
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		w := &theme.Strings{Lang: lang}
		if err := errors.Join(frontmatter.Decode(name, src, 1, w)...); err != nil {
			return err
		}
		words[lang] = w
	}
	base := strings.TrimSuffix(e.settings.BaseURL, "/")
	short := func(u string) string { return strings.TrimPrefix(strings.TrimPrefix(base+u, "https://"), "http://") }
	e.disclaimer = map[string]string{}
	for _, f := range files {
		if f.Kind != content.Page {
			continue
		}
		var m content.PageMeta
		if err := decode(f, &m); err != nil {
			return err
		}
		if f.Rel == "disclaimer.md" || m.Translation != nil && m.Translation.Of.Value == "disclaimer.md" {
			e.disclaimer[f.Lang] = short(f.URL)
		}
	}
	newDoc := func(f content.File, title, summary string) *doc {
		return &doc{
			Kind: f.Kind, Path: f.Path, Slug: f.Slug, URL: f.URL, Title: title, Summary: summary,
			Canonical: base + f.URL, ShortURL: short(f.URL), Lang: f.Lang, T: words[f.Lang],
		}
	}
	bySlug := map[string]*doc{} // by language and slug
	var packetMetas []content.PacketMeta
	for _, f := range files {
		switch f.Kind {
		case content.Handout:
			var m content.HandoutMeta
			if err := decode(f, &m); err != nil {
				return err
			}
			if m.Draft {
				continue
			}
			d := newDoc(f, m.Title, m.Summary)
			d.Reviewed, d.ReviewedBy, d.MaxPages = d.T.FormatDate(m.Reviewed), m.ReviewedBy, m.Print.MaxPages
			d.NextReview = d.T.FormatDate(frontmatter.Date{Time: m.Reviewed.AddDate(0, e.settings.Review.WarnMonths, 0)})
			if m.Reviewed.After(e.asOf) {
				e.asOf = m.Reviewed.Time
			}
			if d.MaxPages <= 0 {
				d.MaxPages = 2 // the generator's default
			}
			for _, c := range m.Sources {
				d.Sources = append(d.Sources, c.URL)
			}
			e.handouts = append(e.handouts, d)
			bySlug[f.Lang+":"+f.Slug] = d
		case content.Packet:
			var m content.PacketMeta
			if err := decode(f, &m); err != nil {
				return err
			}
			if m.Draft {
				continue
			}
			e.packets = append(e.packets, newDoc(f, m.Title, m.Summary))
			packetMetas = append(packetMetas, m)
		}
	}
	for i, p := range e.packets {
		// The cover and the notes page behind it, then each handout on
		// whole sheets printed on both sides.
		p.MaxPages = 2
		for _, slug := range packetMetas[i].Handouts {
			h := bySlug[p.Lang+":"+slug.Value]
			if h == nil {
				return fmt.Errorf("%s lists %q, which is not a published handout", p.URL, slug.Value)
			}
			p.Handouts = append(p.Handouts, h)
			p.MaxPages += h.MaxPages + h.MaxPages%2
		}
	}
	if len(e.handouts) == 0 || len(e.packets) == 0 {
		return fmt.Errorf("found %d handouts and %d packets under content/; the tests need at least one of each", len(e.handouts), len(e.packets))
	}
	return nil
}

// page is one HTML file of the built site.
type page struct {
	URL  string // "/handouts/x/"
	Path string // the file
	// Redirect is true for the small page left at an alias, which sends
	// the browser on at once.
	Redirect bool
}

// pages lists every HTML page of the built site, sorted by URL.
func (e *env) pages(t testing.TB) []page {
	t.Helper()
	var pages []page
	err := filepath.WalkDir(e.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		html, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(e.dir, p)
		pages = append(pages, page{
			URL:      strings.TrimSuffix("/"+filepath.ToSlash(rel), "index.html"),
			Path:     p,
			Redirect: regexp.MustCompile(`(?i)http-equiv="?refresh`).Match(html),
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 {
		t.Fatalf("the built site in %s has no HTML pages", e.dir)
	}
	slices.SortFunc(pages, func(a, b page) int { return strings.Compare(a.URL, b.URL) })
	return pages
}

// docs returns every handout and then every packet.
func (e *env) docs() []*doc {
	return append(slices.Clip(e.handouts), e.packets...)
}

// tab opens a new tab in the shared browser, closed when the test ends.
// Everything the test does in it must finish within limit.
func (e *env) tab(t testing.TB, limit time.Duration) context.Context {
	t.Helper()
	bctx := e.browser(t)
	tctx, cancelTimeout := context.WithTimeout(bctx, limit)
	ctx, cancelTab := chromedp.NewContext(tctx)
	t.Cleanup(func() {
		cancelTab()
		cancelTimeout()
	})
	if err := chromedp.Do(ctx); err != nil { // opens the tab
		t.Fatalf("opening a tab: %v", err)
	}
	return ctx
}

// browser starts headless Chromium once for all tests.
func (e *env) browser(t testing.TB) context.Context {
	t.Helper()
	path := need(t, "chromium")["chromium"]
	e.browserOnce.Do(func() { e.browserErr = e.startBrowser(path) })
	if e.browserErr != nil {
		t.Fatal(e.browserErr)
	}
	return e.browserCtx
}

func (e *env) startBrowser(path string) error {
	e.profile = filepath.Join(e.temp, "profile")
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(e.profile),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
		chromedp.DisableGPU,
		chromedp.WindowSize(1280, 900),
		// Without these Chromium tries to reach Google's servers.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(allocCtx)
	e.stopBrowser = []context.CancelFunc{cancelBrowser, cancelAlloc}
	e.browserCtx = ctx
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err := <-started:
		if err != nil {
			return fmt.Errorf("starting %s: %v", path, err)
		}
		return nil
	case <-time.After(browserStartup):
		return fmt.Errorf("starting %s: no answer after %s", path, browserStartup)
	}
}

func (e *env) close() {
	for _, stop := range e.stopBrowser {
		stop()
	}
	if e.server != nil {
		e.server.Close()
	}
	if e.temp != "" {
		os.RemoveAll(e.temp)
	}
}

// open loads a page of the site in the tab and waits for its fonts.
func (e *env) open(t testing.TB, ctx context.Context, urlPath string) {
	t.Helper()
	openAt(t, ctx, e.server.URL+urlPath)
}

// openAt loads a page in the tab and waits for its fonts.
func openAt(t testing.TB, ctx context.Context, urlPath string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(urlPath)); err != nil {
		t.Fatalf("opening %s: %v", urlPath, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("waiting for the fonts of %s: %v", urlPath, err)
	}
}

// eval runs a script in the page and decodes its result into a T.
func eval[T any](t testing.TB, ctx context.Context, script string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](script, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running a script in the page: %v\n%s", err, script)
	}
	return v
}

// lookDir is where a person asked to keep the printed PDFs and screenshots,
// or "".
func lookDir(t testing.TB) string {
	dir := os.Getenv("HANDOUTS_LOOK_DIR")
	if dir == "" {
		return ""
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// fileName makes a file name from a doc name and a suffix.
func fileName(parts ...string) string {
	return strings.NewReplacer("/", "-", " ", "-").Replace(strings.Join(parts, "-"))
}
