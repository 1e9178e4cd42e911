package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/duckdb/duckdb-go/v2/mapping"
	"github.com/spf13/cobra"
)

// Version is plangap's version. Release builds set it with
// -ldflags "-X github.com/plangap/plangap/cli.Version=…"; otherwise the
// version the Go toolchain stamped (module version or VCS revision) is shown.
var Version = ""

// DuckDBWant is the DuckDB release this binary was compiled against: the
// C API header it was built with must match the library it loads. Empty
// means the release the duckdb-go-bindings module bundles, read from the
// build information, so go.mod stays the one place that decides it. Builds
// against another header set it with
// -ldflags "-X github.com/plangap/plangap/cli.DuckDBWant=v1.5.6".
var DuckDBWant = ""

// bindingsModule is the module whose version names the bundled DuckDB.
const bindingsModule = "github.com/duckdb/duckdb-go-bindings"

func (a *App) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print plangap's, Go's and DuckDB's versions (版本)",
		Long: `version prints plangap's version, the Go toolchain that built it, the DuckDB
library the process actually loaded and the DuckDB release this binary was
built for. On Windows duckdb.dll sits beside plangap.exe and the two must be
replaced together: when they differ, every other command stops with a
message, and this one says so too.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			want, from := DuckDBBuiltFor()
			a.printf("plangap        %s\n", PlangapVersion())
			a.printf("Go             %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
			a.printf("DuckDB loaded  %s (%s)\n", DuckDBLoaded(), duckDBLinkage())
			a.printf("DuckDB needed  %s (%s)\n", want, from)
			err := CheckDuckDBLibrary()
			if err != nil && duckDBLinkage() == "bundled static library" {
				// The bundled library is the one compiled in: nothing can differ.
				fmt.Fprintln(a.Stderr, "note:", err)
				return nil
			}
			// A mismatched duckdb.dll fails the command, for scripts to notice.
			return err
		},
	}
}

// PlangapVersion is Version, else what the Go toolchain stamped into the
// binary: the module version and, for builds from a checkout, the commit.
func PlangapVersion() string {
	if Version != "" {
		return Version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	// A pseudo-version already carries the commit.
	if rev != "" && !strings.Contains(v, rev[:min(12, len(rev))]) {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if modified == "true" {
			rev += "+dirty"
		}
		v += " " + rev
	}
	if v == "" {
		v = "unknown"
	}
	return v
}

// DuckDBLoaded is the version of the DuckDB library this process runs,
// asked of the library itself through its C API (duckdb_library_version),
// so on Windows it is the duckdb.dll that was actually loaded.
func DuckDBLoaded() string { return mapping.LibraryVersion() }

// DuckDBBuiltFor is the DuckDB release this binary expects, and where that
// expectation comes from.
func DuckDBBuiltFor() (version, from string) {
	if DuckDBWant != "" {
		return normalVersion(DuckDBWant), "set at build time"
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown", "no build information"
	}
	return bundledDuckDBOf(info)
}

// bundledDuckDBOf reads the bindings' version from a binary's build
// information. Test binaries carry none, hence the separate function.
func bundledDuckDBOf(info *debug.BuildInfo) (version, from string) {
	for _, d := range info.Deps {
		if d.Path != bindingsModule {
			continue
		}
		if d.Replace != nil {
			d = d.Replace
		}
		v, err := BundledDuckDB(d.Version)
		if err != nil {
			return "unknown", err.Error()
		}
		return v, "duckdb-go-bindings " + d.Version
	}
	return "unknown", bindingsModule + " not in the build information"
}

// BundledDuckDB maps a duckdb-go-bindings module version to the DuckDB
// release it bundles. From DuckDB v1.5.0 on the module's minor number
// spells the release as MMmmpp (v0.10506.0 bundles v1.5.6); older module
// versions follow a table in the bindings' README and are not guessed.
func BundledDuckDB(moduleVersion string) (string, error) {
	parts := strings.Split(strings.TrimPrefix(moduleVersion, "v"), ".")
	if len(parts) < 3 || parts[0] != "0" {
		return "", fmt.Errorf("duckdb-go-bindings %s: not a v0.MMmmpp.N version", moduleVersion)
	}
	n, err := strconv.Atoi(parts[1])
	if err != nil || n < 10500 {
		return "", fmt.Errorf("duckdb-go-bindings %s: the DuckDB release is not spelled in versions before v0.10500.0", moduleVersion)
	}
	return fmt.Sprintf("v%d.%d.%d", n/10000, n/100%100, n%100), nil
}

// CheckDuckDBLibrary refuses a DuckDB library other than the one this
// binary was built for. With the bundled static library the two cannot
// differ; with a shared library (duckdb.dll on Windows, build tag
// duckdb_use_lib) a stale or newer file beside the program would
// otherwise be called through a C API whose structures may have changed.
func CheckDuckDBLibrary() error {
	want, from := DuckDBBuiltFor()
	if want == "unknown" {
		return fmt.Errorf("无法确定所需的 DuckDB 版本 cannot tell which DuckDB this build needs: %s", from)
	}
	return duckDBMismatch(DuckDBLoaded(), want)
}

// duckDBMismatch compares a loaded DuckDB version with the one wanted.
func duckDBMismatch(loaded, want string) error {
	if normalVersion(loaded) == normalVersion(want) {
		return nil
	}
	if runtime.GOOS != "windows" {
		return fmt.Errorf("DuckDB 库版本不符 the DuckDB shared library loaded is %s, this build needs %s",
			normalVersion(loaded), normalVersion(want))
	}
	return fmt.Errorf("duckdb.dll 版本不符，请将 plangap.exe 与 duckdb.dll 一同更换 "+
		"the duckdb.dll beside plangap.exe is DuckDB %s, this build needs %s: replace both files together",
		normalVersion(loaded), normalVersion(want))
}

// normalVersion writes a DuckDB version the way DuckDB does: "v1.5.6".
func normalVersion(v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return "(none)"
	}
	return "v" + strings.TrimPrefix(v, "v")
}

// duckDBLinkage says how DuckDB got into the process: the bindings'
// bundled static library, or a shared library (-tags duckdb_use_lib).
func duckDBLinkage() string {
	info, ok := debug.ReadBuildInfo()
	if ok {
		for _, s := range info.Settings {
			if s.Key == "-tags" && hasTag(s.Value, "duckdb_use_lib") {
				if runtime.GOOS == "windows" {
					return "duckdb.dll"
				}
				return "shared library"
			}
		}
	}
	return "bundled static library"
}

func hasTag(tags, tag string) bool {
	for _, t := range strings.Split(tags, ",") {
		if strings.TrimSpace(t) == tag {
			return true
		}
	}
	return false
}
