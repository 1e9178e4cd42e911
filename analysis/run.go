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

// eachChunk is how many inputs a worker of AnalyseEach takes at a time:
// large enough that handing chunks over costs nothing, small enough that
// the rows in flight stay a few megabytes.
const eachChunk = 512

// AnalyseEach analyses every input on all cores and hands the rows to fn
// one at a time, in input order, while later chunks are being analysed.
// The row is fn's only for the call: its memory is reused for a later
// row, so fn must copy what it keeps. Only a few chunks of rows exist at
// once, so memory does not grow with the number of inputs. The first
// error from fn stops the analysis and is returned.
func AnalyseEach(ins []Input, cfg Config, fn func(*Row) error) error {
	workers := runtime.GOMAXPROCS(0)
	type chunk struct {
		rows []Row
		done chan struct{}
	}
	type job struct {
		c      *chunk
		lo, hi int
	}
	// order carries the chunks in input order to the caller; its buffer
	// bounds the chunks in flight.
	order := make(chan *chunk, 2*workers)
	jobs := make(chan job)
	stop := make(chan struct{})
	free := sync.Pool{New: func() any { return make([]Row, eachChunk) }}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				for i := j.lo; i < j.hi; i++ {
					analyseInto(&j.c.rows[i-j.lo], ins[i], cfg)
				}
				close(j.c.done)
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(jobs)
		for lo := 0; lo < len(ins); lo += eachChunk {
			hi := min(lo+eachChunk, len(ins))
			c := &chunk{rows: free.Get().([]Row)[:hi-lo], done: make(chan struct{})}
			select {
			case order <- c:
			case <-stop:
				return
			}
			select {
			case jobs <- job{c, lo, hi}:
			case <-stop:
				close(c.done) // never analysed: the caller has stopped reading
				return
			}
		}
	}()
	var err error
	stopped := false
	for c := range order {
		<-c.done
		for i := range c.rows {
			if err == nil {
				err = fn(&c.rows[i])
			}
		}
		if err != nil && !stopped {
			close(stop)
			stopped = true
		}
		clear(c.rows) // drop the inputs the rows point to
		free.Put(c.rows[:cap(c.rows)])
	}
	wg.Wait()
	return err
}
