// Package browsertest proves in a real browser what the generator promises
// about its output: every handout and packet prints on its page budget on
// Letter and A4 paper, with its footer, QR code and care-team box and without
// the site's navigation; the print layout keeps its type sizes, its black on
// white and its page breaks; and every page passes axe-core's WCAG A and AA
// rules, the Nu HTML Checker and a keyboard walk-through.
//
// The package holds only tests. They build the real site (content/ and
// themes/default) with the generator, serve it on a loopback port with the
// headers of the _headers file the build writes for Netlify (the
// Content-Security-Policy among them), and drive headless Chromium
// through the DevTools protocol (github.com/chromedp/chromedp). They need
// tools from outside Go:
//
//	apt-get install chromium poppler-utils zbar-tools default-jre-headless fonts-dejavu-core
//	npm install --prefix ~/.cache/handouts-ci axe-core@4.14.1 vnu-jar@26.9.27
//
// Page counts are measured in DejaVu Sans, Debian's default sans-serif
// font and a wide one, so a handout that fits here fits in the narrower
// system fonts of most readers' computers.
//
// AXE_CORE_JS and VNU_JAR name axe.min.js and vnu.jar when they are
// somewhere else, and CHROMIUM names the browser. Without a tool the tests
// that need it are skipped with a message saying how to install it; with
// CI=true a missing tool fails them. HANDOUTS_LOOK_DIR, when set, keeps the
// printed PDFs and screenshots there for a person to look at, and
// HANDOUTS_SITE runs the checks on another site's folder instead of the
// repository's, such as a copy with something broken on purpose.
package browsertest
