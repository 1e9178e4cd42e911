package analysis

import (
	"runtime"
	"sync"
)

// AnalyseAll analyses every input on all cores. Rows come back in input
// order.
func AnalyseAll(ins []Input, cfg Config) []Row {
	out := make([]Row, len(ins))
	workers := runtime.GOMAXPROCS(0)
	chunk := (len(ins) + workers - 1) / workers
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(ins))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				analyseInto(&out[i], ins[i], cfg)
			}
		}()
	}
	wg.Wait()
	return out
}
