//go:build duckdb_use_lib

package main

import (
	"fmt"
	"os"

	"github.com/plangap/plangap/cli"
)

// With -tags duckdb_use_lib DuckDB is not inside the binary but a shared
// library found at run time (duckdb.dll beside plangap.exe on Windows).
// A stale or newer library would be called through a C API whose
// structures may have changed, so plangap refuses to start on a mismatch.
// "plangap version" still runs, to show both versions.
func init() {
	if len(os.Args) > 1 && os.Args[1] == "version" {
		return
	}
	if err := cli.CheckDuckDBLibrary(); err != nil {
		fmt.Fprintln(os.Stderr, "plangap:", err)
		os.Exit(1)
	}
}
