package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestConcurrentUploadsAndReads runs 4 uploaders and 16 readers against
// one server on loopback, for a bounded number of uploads. Every fourth
// upload carries a bad row and must be refused whole (422). It checks that
// no write is lost, that no error other than those 422s occurs, and that no
// reader ever sees part of a batch: each batch is one region's 12 values.
func TestConcurrentUploadsAndReads(t *testing.T) {
	ts, _, tok := newServer(t)
	const uploaders, readers, perUploader, rowsPerBatch = 4, 16, 8, 12
	var accepted sync.Map // region → true for 200 answers
	var unexpected atomic.Int64
	var wg sync.WaitGroup
	done := make(chan struct{})
	deadline := time.Now().Add(2 * time.Minute)

	for u := 0; u < uploaders; u++ {
		wg.Add(1)
		go func(u int) {
			defer wg.Done()
			for k := 0; k < perUploader && time.Now().Before(deadline); k++ {
				region := fmt.Sprintf("C%d-%d", u, k)
				var b strings.Builder
				b.WriteString("指标,地区,年份,数值,单位\n")
				for y := 0; y < rowsPerBatch; y++ {
					v := fmt.Sprint(100 + u*10 + k + y)
					if k%4 == 3 && y == rowsPerBatch-1 {
						v = "bad"
					}
					fmt.Fprintf(&b, "5G基站数量,%s,%d,%s,个\n", region, 2011+y, v)
				}
				code, body := upload(t, ts.URL, tok, region+".csv", b.String())
				switch {
				case k%4 == 3 && code == http.StatusUnprocessableEntity:
				case k%4 != 3 && code == http.StatusOK:
					accepted.Store(region, true)
				default:
					unexpected.Add(1)
					t.Errorf("upload %s: %d %s", region, code, body)
				}
			}
		}(u)
	}
	var readerWG sync.WaitGroup
	var reads atomic.Int64
	for r := 0; r < readers; r++ {
		readerWG.Add(1)
		go func(r int) {
			defer readerWG.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				path := "/api/actuals"
				if r%4 == 0 {
					path = "/api/batches"
				}
				resp, err := http.Get(ts.URL + path)
				if err != nil {
					unexpected.Add(1)
					t.Errorf("read: %v", err)
					return
				}
				var rows []map[string]any
				err = json.NewDecoder(resp.Body).Decode(&rows)
				resp.Body.Close()
				if resp.StatusCode != 200 || err != nil {
					unexpected.Add(1)
					t.Errorf("read %s: %d %v", path, resp.StatusCode, err)
					return
				}
				reads.Add(1)
				if path != "/api/actuals" {
					continue
				}
				per := map[string]int{}
				for _, row := range rows {
					per[row["region"].(string)]++
				}
				for region, n := range per {
					if n != rowsPerBatch {
						unexpected.Add(1)
						t.Errorf("a reader saw %d of %d values of batch %s", n, rowsPerBatch, region)
					}
				}
			}
		}(r)
	}
	wg.Wait()
	close(done)
	readerWG.Wait()

	// No lost write: every accepted upload is there, whole; refused ones
	// left nothing.
	resp, err := http.Get(ts.URL + "/api/actuals")
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	json.NewDecoder(resp.Body).Decode(&rows)
	resp.Body.Close()
	per := map[string]int{}
	for _, row := range rows {
		per[row["region"].(string)]++
	}
	n := 0
	accepted.Range(func(k, _ any) bool {
		n++
		if per[k.(string)] != rowsPerBatch {
			t.Errorf("accepted batch %s has %d values", k, per[k.(string)])
		}
		return true
	})
	if n != uploaders*perUploader*3/4 || len(per) != n {
		t.Errorf("%d accepted uploads, %d regions stored; want %d", n, len(per), uploaders*perUploader*3/4)
	}
	if reads.Load() < readers {
		t.Errorf("only %d reads", reads.Load())
	}
	t.Logf("%d reads while %d uploads ran", reads.Load(), uploaders*perUploader)
}
