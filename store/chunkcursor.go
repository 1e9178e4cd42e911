package store

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"time"
	"unsafe"

	bindings "github.com/duckdb/duckdb-go-bindings"
	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/duckdb/duckdb-go/v2/mapping"
	"github.com/shopspring/decimal"
)

// chunkDB reaches the store's database through DuckDB's C API, as the
// driver itself does underneath database/sql: the driver's instance
// cache hands back the very instance database/sql opened (same file,
// same options), so both see the same committed data.
type chunkDB struct {
	db mapping.Database
}

// openChunkDB opens the database file path, already open through
// database/sql with the DSN options opts, once more through the instance
// cache.
func openChunkDB(path string, opts [][2]string) (*chunkDB, error) {
	var cfg mapping.Config
	if mapping.CreateConfig(&cfg) == mapping.StateError {
		return nil, errors.New("duckdb: create config")
	}
	defer mapping.DestroyConfig(&cfg)
	// The driver names itself to DuckDB; the cache refuses an instance
	// asked for with other options.
	for _, o := range append([][2]string{{"duckdb_api", "go"}}, opts...) {
		if mapping.SetConfig(cfg, o[0], o[1]) == mapping.StateError {
			return nil, fmt.Errorf("duckdb: config %s=%s", o[0], o[1])
		}
	}
	c := &chunkDB{}
	var msg string
	if mapping.GetOrCreateFromCache(duckdb.GetInstanceCache(), path, &c.db, cfg, &msg) == mapping.StateError {
		mapping.Close(&c.db)
		return nil, fmt.Errorf("open %s: %s", path, msg)
	}
	return c, nil
}

func (c *chunkDB) close() { mapping.Close(&c.db) }

// query prepares q on a connection of its own, binds args (string, int,
// int64, bool or time.Time), runs it and returns a cursor over its
// chunks. Cancelling ctx interrupts the query.
func (c *chunkDB) query(ctx context.Context, q string, args ...any) (cursor, error) {
	cc := &chunkCursor{ctx: ctx, row: -1, done: make(chan struct{})}
	if mapping.Connect(c.db, &cc.conn) == mapping.StateError {
		return nil, errors.New("duckdb: connect")
	}
	go func() {
		select {
		case <-ctx.Done():
			cc.mu.Lock()
			if !cc.closed {
				mapping.Interrupt(cc.conn)
			}
			cc.mu.Unlock()
		case <-cc.done:
		}
	}()
	if err := cc.run(ctx, q, args); err != nil {
		cc.Close()
		return nil, err
	}
	return cc, nil
}

// chunkCursor is a cursor over the chunks of a streaming result.
type chunkCursor struct {
	ctx  context.Context
	mu   sync.Mutex // guards closed against the interrupting goroutine
	conn mapping.Connection
	res  mapping.Result
	// hasRes: res must be destroyed.
	hasRes bool
	done   chan struct{}
	cols   []chunkCol
	chunk  mapping.DataChunk
	size   int
	row    int
	err    error
	closed bool
}

func (c *chunkCursor) run(ctx context.Context, q string, args []any) error {
	var stmt mapping.PreparedStatement
	defer mapping.DestroyPrepare(&stmt)
	if mapping.Prepare(c.conn, q, &stmt) == mapping.StateError {
		return errors.New(mapping.PrepareError(stmt))
	}
	for i, a := range args {
		var v mapping.Value
		switch x := a.(type) {
		case string:
			v = mapping.CreateVarchar(x)
		case int:
			v = mapping.CreateInt64(int64(x))
		case int64:
			v = mapping.CreateInt64(x)
		case bool:
			v = mapping.CreateBool(x)
		case time.Time:
			v = mapping.CreateTimestamp(mapping.NewTimestamp(x.UTC().UnixMicro()))
		default:
			return fmt.Errorf("duckdb: cannot bind %T", a)
		}
		state := mapping.BindValue(stmt, mapping.IdxT(i+1), v)
		mapping.DestroyValue(&v)
		if state == mapping.StateError {
			return fmt.Errorf("duckdb: bind argument %d (%T)", i+1, a)
		}
	}
	var pending mapping.PendingResult
	// A streaming result: DuckDB hands over chunks as the query makes
	// them instead of first copying the whole result (which cost as much
	// memory and time again for a plain scan).
	if bindings.PendingPreparedStreaming(stmt, &pending) == mapping.StateError {
		err := errors.New(mapping.PendingError(pending))
		mapping.DestroyPending(&pending)
		return err
	}
	state := mapping.ExecutePending(pending, &c.res)
	mapping.DestroyPending(&pending)
	c.hasRes = true
	if state == mapping.StateError {
		return errors.Join(ctx.Err(), errors.New(mapping.ResultError(&c.res)))
	}
	n := int(mapping.ColumnCount(&c.res))
	c.cols = make([]chunkCol, n)
	for i := range c.cols {
		lt := mapping.ColumnLogicalType(&c.res, mapping.IdxT(i))
		c.cols[i].kind = newColKind(lt)
		mapping.DestroyLogicalType(&lt)
	}
	return nil
}

func (c *chunkCursor) Next() bool {
	if c.err != nil || c.closed {
		return false
	}
	c.row++
	for c.row >= c.size {
		if c.chunk.Ptr != nil {
			mapping.DestroyDataChunk(&c.chunk)
		}
		c.chunk = mapping.FetchChunk(c.res)
		if c.chunk.Ptr == nil {
			// The end, or a failure of the streaming query (an interrupt
			// when ctx was cancelled): never a silent early end.
			c.size = 0
			if err := c.ctx.Err(); err != nil {
				c.err = err
			} else if msg := mapping.ResultError(&c.res); msg != "" {
				c.err = errors.New(msg)
			}
			return false
		}
		c.size, c.row = int(mapping.DataChunkGetSize(c.chunk)), 0
		for i := range c.cols {
			c.cols[i].load(mapping.DataChunkGetVector(c.chunk, mapping.IdxT(i)))
		}
	}
	return true
}

func (c *chunkCursor) Err() error { return c.err }

func (c *chunkCursor) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	c.closed = true
	if c.chunk.Ptr != nil {
		mapping.DestroyDataChunk(&c.chunk)
	}
	if c.hasRes {
		mapping.DestroyResult(&c.res)
	}
	close(c.done)
	mapping.Disconnect(&c.conn)
}

func (c *chunkCursor) fail(col int, err error) {
	if c.err == nil {
		c.err = fmt.Errorf("column %d: %w", col, err)
	}
}

func (c *chunkCursor) Str(col int) string {
	k := &c.cols[col]
	if k.kind.typ != mapping.TypeVarchar {
		c.fail(col, fmt.Errorf("not VARCHAR"))
		return ""
	}
	if !k.valid(c.row) {
		return ""
	}
	return readString(k.data, c.row)
}

func (c *chunkCursor) Int(col int) (int64, bool) {
	k := &c.cols[col]
	if !k.valid(c.row) {
		return 0, false
	}
	v, ok := k.kind.int(k.data, c.row)
	if !ok {
		c.fail(col, fmt.Errorf("not an integer"))
	}
	return v, ok
}

func (c *chunkCursor) Bool(col int) bool {
	k := &c.cols[col]
	if k.kind.typ != mapping.TypeBoolean {
		c.fail(col, fmt.Errorf("not BOOLEAN"))
		return false
	}
	return k.valid(c.row) && *(*bool)(unsafe.Add(k.data, c.row))
}

func (c *chunkCursor) Dec(col int) (decimal.Decimal, bool) {
	k := &c.cols[col]
	if k.kind.typ != mapping.TypeDecimal {
		c.fail(col, fmt.Errorf("not DECIMAL"))
		return decimal.Decimal{}, false
	}
	if !k.valid(c.row) {
		return decimal.Decimal{}, false
	}
	return k.kind.dec(k.data, c.row), true
}

func (c *chunkCursor) StrIs(col int, s string) bool {
	k := &c.cols[col]
	if k.kind.typ != mapping.TypeVarchar {
		c.fail(col, fmt.Errorf("not VARCHAR"))
		return false
	}
	return k.valid(c.row) && string(stringBytes(k.data, c.row)) == s // compared in place
}

func (c *chunkCursor) Unscaled(col int) (int64, int32, bool) {
	k := &c.cols[col]
	if k.kind.typ != mapping.TypeDecimal {
		c.fail(col, fmt.Errorf("not DECIMAL"))
		return 0, 0, false
	}
	if !k.valid(c.row) {
		return 0, 0, false
	}
	v, fits := k.kind.unscaled(k.data, c.row)
	return v, k.kind.exp, fits
}

// colKind is what a column holds: its type, a DECIMAL's storage and
// scale.
type colKind struct {
	typ      mapping.Type
	internal mapping.Type // a DECIMAL's storage: SMALLINT, INTEGER, BIGINT or HUGEINT
	exp      int32        // minus a DECIMAL's scale
}

func newColKind(lt mapping.LogicalType) colKind {
	k := colKind{typ: mapping.GetTypeId(lt)}
	if k.typ == mapping.TypeDecimal {
		k.internal, k.exp = mapping.DecimalInternalType(lt), -int32(mapping.DecimalScale(lt))
	}
	return k
}

func (k *colKind) int(data unsafe.Pointer, i int) (int64, bool) {
	switch k.typ {
	case mapping.TypeInteger:
		return int64(*(*int32)(unsafe.Add(data, 4*i))), true
	case mapping.TypeBigInt:
		return *(*int64)(unsafe.Add(data, 8*i)), true
	case mapping.TypeSmallInt:
		return int64(*(*int16)(unsafe.Add(data, 2*i))), true
	}
	return 0, false
}

// unscaled reads a DECIMAL's integer; fits is false when it does not fit
// an int64.
func (k *colKind) unscaled(data unsafe.Pointer, i int) (v int64, fits bool) {
	switch k.internal {
	case mapping.TypeHugeInt:
		h := (*[2]uint64)(unsafe.Add(data, 16*i))
		lo, hi := h[0], int64(h[1])
		return int64(lo), (hi == 0 && lo < 1<<63) || (hi == -1 && lo >= 1<<63)
	case mapping.TypeBigInt:
		return *(*int64)(unsafe.Add(data, 8*i)), true
	case mapping.TypeInteger:
		return int64(*(*int32)(unsafe.Add(data, 4*i))), true
	default: // SMALLINT
		return int64(*(*int16)(unsafe.Add(data, 2*i))), true
	}
}

// dec reads a DECIMAL from its integer: exact, with no text between.
func (k *colKind) dec(data unsafe.Pointer, i int) decimal.Decimal {
	if v, fits := k.unscaled(data, i); fits {
		return decimal.New(v, k.exp)
	}
	// A HUGEINT beyond int64: two's complement over 128 bits.
	h := (*[2]uint64)(unsafe.Add(data, 16*i))
	v := new(big.Int).SetInt64(int64(h[1]))
	v.Lsh(v, 64)
	v.Add(v, new(big.Int).SetUint64(h[0]))
	return decimal.NewFromBigInt(v, k.exp)
}

// chunkCol is a column of the current chunk: its data and validity.
type chunkCol struct {
	kind     colKind
	data     unsafe.Pointer
	validity unsafe.Pointer // nil: no NULLs
}

func (k *chunkCol) load(v mapping.Vector) {
	k.data, k.validity = mapping.VectorGetData(v), mapping.VectorGetValidity(v)
}

func (k *chunkCol) valid(i int) bool {
	if k.validity == nil {
		return true
	}
	w := *(*uint64)(unsafe.Add(k.validity, 8*(i/64)))
	return w&(1<<(i%64)) != 0
}

// stringT is DuckDB's duckdb_string_t: a length, then the string itself
// when it is 12 bytes or shorter, else a 4-byte prefix and a pointer.
type stringT struct {
	n   uint32
	pre [4]byte
	ptr *byte
}

// readString copies the i-th string of a VARCHAR vector into Go memory.
func readString(data unsafe.Pointer, i int) string { return string(stringBytes(data, i)) }

// stringBytes is the i-th string of a VARCHAR vector where DuckDB keeps
// it: valid while the chunk is.
func stringBytes(data unsafe.Pointer, i int) []byte {
	s := (*stringT)(unsafe.Add(data, 16*i))
	if s.n <= 12 {
		return unsafe.Slice((*byte)(unsafe.Pointer(&s.pre)), s.n)
	}
	return unsafe.Slice(s.ptr, s.n)
}
