package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"handouts/generator"
	"handouts/generator/diag"
	"handouts/generator/preview"
)

func serveFlags(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) int {
	var sf siteFlags
	sf.register(fs)
	port := fs.Int("port", 1313, "the `port` to serve on, from 1 to 65535")
	bind := fs.String("bind", "127.0.0.1", "the `address` to listen on; anything but loopback lets other machines see your drafts")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
		if len(args) > 0 {
			fmt.Fprintf(stderr, "handouts serve: unexpected argument %q; see \"handouts help serve\"\n", args[0])
			return exitUsage
		}
		if *port < 1 || *port > 65535 {
			fmt.Fprintf(stderr, "handouts serve: --port %d is not a port: use a number from 1 to 65535\n", *port)
			return exitUsage
		}
		opt := sf.options()
		if opt.Destination == "" {
			// Previews, drafts included, stay out of public/.
			tmp, err := preview.TempDir()
			if err != nil {
				fmt.Fprintf(stderr, "handouts serve: %v\n", err)
				return exitBuild
			}
			defer os.RemoveAll(tmp)
			opt.Destination = filepath.Join(tmp, "site")
		}
		addr := net.JoinHostPort(*bind, strconv.Itoa(*port))
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			if errors.Is(err, syscall.EADDRINUSE) {
				fmt.Fprintf(stderr, "handouts serve: port %d is in use; choose another with --port\n", *port)
			} else {
				fmt.Fprintf(stderr, "handouts serve: cannot listen on %s: %v\n", addr, err)
			}
			return exitBuild
		}
		url, warning := address(ln.Addr().(*net.TCPAddr), *bind)
		if warning != "" {
			fmt.Fprintln(stderr, warning)
		}
		srv := preview.New(opt.Destination, opt.Source, generator.ContentSecurityPolicy)
		httpSrv := &http.Server{
			Handler:           srv,
			ReadHeaderTimeout: 5 * time.Second,
			ReadTimeout:       10 * time.Second,
			IdleTimeout:       60 * time.Second,
			MaxHeaderBytes:    16 << 10,
		}
		var wg sync.WaitGroup
		wg.Go(func() { _ = httpSrv.Serve(ln) })
		defer func() {
			srv.Close()
			shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_ = httpSrv.Shutdown(shutdownCtx)
			wg.Wait()
		}()
		first := true
		err = generator.Watch(ctx, opt, func(r generator.Rebuild) {
			printRebuild(stdout, stderr, r, false)
			if r.Watch != nil {
				return // a warning about watching: the site is as it was
			}
			if r.Err != nil {
				srv.Failed(r.Err)
			} else {
				srv.SetReport(r.Report) // the author's report at /_report/
				srv.SetRoot(r.Report.Root)
				srv.Reloaded()
			}
			if first {
				root := "/"
				if r.Report != nil {
					root = r.Report.Root
				}
				fmt.Fprintf(stdout, "serving %s%s (Ctrl-C to stop); the author's report is at %s_report/\n", url, strings.TrimPrefix(root, "/"), url)
				first = false
			}
		})
		if err != nil {
			fmt.Fprintf(stderr, "handouts serve: %v\n", err)
			return exitBuild
		}
		fmt.Fprintln(stdout, "stopped")
		return exitOK
	}
}

// address returns the preview's address to open on this machine, for a
// listener at addr asked for with --bind bind, and a warning when other
// machines can reach it too. Listening on all interfaces (0.0.0.0 or ::),
// addr's own address cannot be opened: the warning then lists this
// machine's addresses that the others may use.
func address(addr *net.TCPAddr, bind string) (url, warning string) {
	port := strconv.Itoa(addr.Port)
	switch {
	case addr.IP.IsLoopback():
		return "http://" + addr.String() + "/", ""
	case !addr.IP.IsUnspecified():
		return "http://" + addr.String() + "/", fmt.Sprintf("warning: listening on %s (--bind %s): other machines on the network can see this preview, drafts included", addr.IP, bind)
	}
	var others []string
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if ipnet, ok := a.(*net.IPNet); ok && ipnet.IP.IsGlobalUnicast() && len(others) < 3 {
				others = append(others, "http://"+net.JoinHostPort(ipnet.IP.String(), port)+"/")
			}
		}
	}
	warning = fmt.Sprintf("warning: listening on all interfaces (--bind %s): other machines on the network can see this preview, drafts included", bind)
	if len(others) > 0 {
		warning += ", at " + strings.Join(others, " or ")
	}
	return "http://localhost:" + port + "/", warning
}

// printRebuild prints what a build in watch mode found. The first build
// prints as "handouts build" does: its errors, or its warnings (at most
// diag.MaxErrors) and a summary. Each later one prints the findings that
// are new since the last build, in full, and one line saying what changed,
// what was rebuilt, how long it took and how many findings are new or gone:
// unchanged findings are not printed again. With quiet, only errors are
// printed: the first build's, then the new ones. A problem with watching
// is a warning.
func printRebuild(stdout, stderr io.Writer, r generator.Rebuild, quiet bool) {
	if r.Watch != nil {
		fmt.Fprintf(stderr, "warning: %v\n", r.Watch)
		return
	}
	if r.Findings == nil {
		if r.Err != nil {
			printErrors(stderr, r.Err, quiet)
			return
		}
		if !quiet {
			printWarnings(stderr, r.Report.Warnings, r.Report.MoreWarnings)
			fmt.Fprintln(stdout, r.Report.Summary())
		}
		return
	}
	var b strings.Builder
	shown := 0
	for _, d := range r.Findings.New {
		if quiet && d.Severity != diag.Error {
			continue
		}
		if shown == diag.MaxErrors {
			fmt.Fprintf(&b, "... and more; \"handouts check\" lists them all\n")
			break
		}
		b.WriteString(d.Error())
		b.WriteByte('\n')
		shown++
	}
	_, _ = io.WriteString(stderr, b.String())
	if !quiet {
		fmt.Fprintln(stdout, r.Summary())
	}
}
