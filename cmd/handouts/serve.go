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
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"handouts/generator"
	"handouts/generator/preview"
)

func serveFlags(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) int {
	var sf siteFlags
	sf.register(fs)
	port := fs.Int("port", 1313, "the `port` to serve on")
	bind := fs.String("bind", "127.0.0.1", "the `address` to listen on; anything but loopback lets other machines see your drafts")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
		if len(args) > 0 {
			fmt.Fprintf(stderr, "handouts serve: unexpected argument %q; see \"handouts help serve\"\n", args[0])
			return exitUsage
		}
		opt := sf.options()
		if opt.Destination == "" {
			// Previews, drafts included, stay out of public/.
			tmp, err := os.MkdirTemp("", "handouts-serve-")
			if err != nil {
				fmt.Fprintf(stderr, "handouts serve: %v\n", err)
				return exitBuild
			}
			defer os.RemoveAll(tmp)
			opt.Destination = tmp + "/site"
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
		if ip := net.ParseIP(*bind); ip == nil || !ip.IsLoopback() {
			if *bind != "localhost" {
				fmt.Fprintf(stderr, "warning: serving on %s: other machines on the network can see this preview, drafts included\n", addr)
			}
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
		url := "http://" + ln.Addr().String() + "/"
		first := true
		err = generator.Watch(ctx, opt, func(r generator.Rebuild) {
			printRebuild(stdout, stderr, r)
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

// printRebuild prints one line for a successful build (what changed, what
// was rebuilt, how long it took), or the errors of a failed one.
func printRebuild(stdout, stderr io.Writer, r generator.Rebuild) {
	if r.Watch != nil {
		fmt.Fprintf(stderr, "warning: %v\n", r.Watch)
		return
	}
	if r.Err != nil {
		printError(stderr, r.Err)
		return
	}
	printWarnings(stderr, r.Report.Warnings)
	line := r.Report.Summary()
	if len(r.Changed) > 0 {
		changed := strings.Join(r.Changed[:min(len(r.Changed), 3)], ", ")
		if len(r.Changed) > 3 {
			changed += fmt.Sprintf(" and %d more", len(r.Changed)-3)
		}
		line = changed + ": " + line
	}
	fmt.Fprintln(stdout, line)
}
