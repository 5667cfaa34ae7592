package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// The build cache holds the programs `dsac run` builds, one directory per
// build, named by a hash of everything the build depends on (the runtime,
// the algorithm's name and code, MPI or not):
//
//	programs/KEY/NAME   the program
//	programs/KEY/ok     its sha256: the entry is complete and intact
//
// An entry is used only when its ok file matches the program, so a build
// that was interrupted, or a program damaged since, is built again. Each
// use touches ok; entries unused for cacheMaxAge, and the least recently
// used beyond cacheMaxBytes, are evicted after each new build.
var (
	cacheMaxAge   = 30 * 24 * time.Hour
	cacheMaxBytes = int64(2 << 30)
)

// cachedBuild returns the path of the program for code, building it into
// the user's cache directory unless an intact identical build is there. A
// cache that cannot be written is replaced, with a warning, by a
// temporary directory that is removed when dsac ends.
func cachedBuild(name string, code []byte, mpi bool, stderr io.Writer) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\nmpi=%v\n", runtimeHash(), name, mpi)
	h.Write(code)
	key := hex.EncodeToString(h.Sum(nil))[:24]
	root := cacheRoot()
	dir := filepath.Join(root, key)
	bin := filepath.Join(dir, name)
	if intact(dir, bin) {
		now := time.Now()
		_ = os.Chtimes(filepath.Join(dir, "ok"), now, now) // a read-only cache is still used
		return bin, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil || !writable(dir) {
		tmp, err2 := os.MkdirTemp("", "dsac-programs-")
		if err2 != nil {
			return "", err2
		}
		atExit = append(atExit, func() { os.RemoveAll(tmp) })
		fmt.Fprintf(stderr, "dsac: warning: the build cache %s cannot be written (%v); building in %s, which is removed at the end\n",
			root, cacheErr(err, dir), tmp)
		bin = filepath.Join(tmp, name)
		return bin, goBuild(name, code, bin, mpi, stderr)
	}
	if err := buildEntry(name, code, mpi, dir, bin, stderr); err != nil {
		return "", err
	}
	evict(root, dir, time.Now())
	return bin, nil
}

// cacheRoot is the directory of the cached programs.
func cacheRoot() string {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	return filepath.Join(cache, "dsac", "programs")
}

// buildEntry builds the program into the cache entry dir: into a
// temporary file first, then renamed into place, then marked intact.
func buildEntry(name string, code []byte, mpi bool, dir, bin string, stderr io.Writer) error {
	tmp, err := os.CreateTemp(dir, name+".tmp*")
	if err != nil {
		return err
	}
	tmp.Close()
	defer os.Remove(tmp.Name()) // after the rename, a no-op
	if err := goBuild(name, code, tmp.Name(), mpi, stderr); err != nil {
		return err
	}
	sum, err := fileSum(tmp.Name())
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), bin); err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, "ok"), []byte(sum+"\n"))
}

// intact reports whether the cache entry dir holds a complete, undamaged
// program bin.
func intact(dir, bin string) bool {
	want, err := os.ReadFile(filepath.Join(dir, "ok"))
	if err != nil {
		return false
	}
	sum, err := fileSum(bin)
	return err == nil && string(bytes.TrimSpace(want)) == sum
}

func fileSum(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// writable reports whether a file can be created in dir (a read-only file
// system lets MkdirAll of an existing directory succeed).
func writable(dir string) bool {
	f, err := os.CreateTemp(dir, ".probe*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

func cacheErr(err error, dir string) error {
	if err != nil {
		return err
	}
	return fmt.Errorf("%s is not writable", dir)
}

func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// evict removes the cache entries (other than keep) last used before
// now-cacheMaxAge, then the least recently used while the cache is larger
// than cacheMaxBytes. An entry without its ok file is an interrupted build
// once it is an hour old.
func evict(root, keep string, now time.Time) {
	dirs, err := os.ReadDir(root)
	if err != nil {
		return
	}
	type entry struct {
		path string
		used time.Time
		size int64
	}
	var entries []entry
	var total int64
	for _, d := range dirs {
		path := filepath.Join(root, d.Name())
		if !d.IsDir() {
			continue
		}
		e := entry{path: path}
		if st, err := os.Stat(filepath.Join(path, "ok")); err == nil {
			e.used = st.ModTime()
		} else if st, err := os.Stat(path); err == nil && now.Sub(st.ModTime()) > time.Hour {
			os.RemoveAll(path)
			continue
		} else {
			continue // a build under way
		}
		files, _ := os.ReadDir(path)
		for _, f := range files {
			if info, err := f.Info(); err == nil {
				e.size += info.Size()
			}
		}
		total += e.size
		if path == keep {
			continue
		}
		if now.Sub(e.used) > cacheMaxAge {
			os.RemoveAll(path)
			total -= e.size
			continue
		}
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(a, b entry) int { return a.used.Compare(b.used) })
	for _, e := range entries {
		if total <= cacheMaxBytes {
			break
		}
		os.RemoveAll(e.path)
		total -= e.size
	}
}
