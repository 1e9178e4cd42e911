package actuals

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/width"

	"github.com/plangap/plangap/model"
	"github.com/plangap/plangap/sheet"
)

// Observation is one validated value, converted to its indicator's unit.
type Observation = model.Observation

// Options steer a read.
type Options struct {
	Name       string // file name shown in problems
	Sheet      string // XLSX sheet name or 1-based index
	Region     string // region for rows without one
	Indicators map[string]model.Indicator
	// MaxYear is the latest plausible year (default: next calendar year).
	MaxYear int
	// Regions are the regions that have a plan; a region not among them
	// is refused with the closest one suggested. nil: no check.
	Regions []string
	// NewRegion accepts a region not in Regions (adding one on purpose).
	NewRegion bool
	// Strict refuses rows of indicators no target uses instead of
	// skipping them.
	Strict bool
	// MaxProblems caps the problems listed (0: 1000); all are counted.
	MaxProblems int
	// Sink, if set, receives each observation as soon as it is validated,
	// instead of File.Observations: a long file then streams into the
	// store with bounded memory. A file with problems may have sent some
	// observations before the first problem was found; the caller must
	// discard them (the store's transaction rolls back). An error from
	// Sink stops the read and is returned as it is.
	Sink func(Observation) error
}

// File is a read and validated statistics file.
type File struct {
	Name         string
	SHA256       string
	Encoding     string // for CSV
	Sheet        string // for XLSX
	Layout       string // "long" or "wide"
	HeaderRow    int    // the last header row
	Observations []Observation
	// Values counts the observations read, also those sent to
	// Options.Sink and so not in Observations.
	Values int
	NoData int // cells that said "no data" (—, -, …, /, empty)

	// Skipped are the rows and columns read but deliberately not loaded,
	// each with its reason: a person must be able to see nothing was lost.
	Skipped []Skip
	// Matched are the labels that are not a catalogue code or name as
	// written, with the indicator each was taken for.
	Matched []Match
	// Notes are other things a person should be told: percentage cells
	// converted, the reader's notices.
	Notes []string
}

// Skip is a row (or, with Column set, a column) not loaded.
type Skip struct {
	Row    int
	Column string
	Label  string
	Reason string // Chinese, then English
}

// Match is a label taken for a catalogue indicator it does not spell
// exactly.
type Match struct {
	Row   int
	Label string // as written
	Code  string
	Name  string
	How   string // MatchAlias, MatchNormalised or MatchSimilar
}

// Read parses and validates one file held in memory (an upload). It
// returns every problem found; a file with problems yields no
// observations.
func Read(data []byte, opt Options) (*File, error) {
	rows, err := sheet.Read(opt.Name, data, sheet.Options{Sheet: opt.Sheet})
	if err != nil {
		return nil, model.Problems{{File: opt.Name, Sheet: opt.Sheet, Reason: err.Error()}}
	}
	defer rows.Close()
	f, err := Parse(rows, opt)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	f.SHA256 = hex.EncodeToString(sum[:])
	return f, nil
}

// ReadFile parses and validates the file at path, streaming it: anything
// that is not a regular file (a directory, a FIFO, /dev/zero) is refused
// at once, and memory stays bounded however long the file is.
func ReadFile(path string, opt Options) (*File, error) {
	fail := func(err error) error {
		return model.Problems{{File: opt.Name, Sheet: opt.Sheet, Reason: err.Error()}}
	}
	rows, err := sheet.Open(path, sheet.Options{Sheet: opt.Sheet})
	if err != nil {
		return nil, fail(err)
	}
	defer rows.Close()
	// The checksum that identifies the batch: a second streaming pass,
	// cheaper than holding the file in memory, on another core while
	// the file is parsed.
	sum, stop := make(chan checksum, 1), make(chan struct{})
	go func() { sum <- fileSHA256(path, stop) }()
	f, err := Parse(rows, opt)
	if err != nil {
		close(stop) // a refused file needs no checksum
		<-sum
		return nil, err
	}
	h := <-sum
	if h.err != nil {
		return nil, fail(h.err)
	}
	f.SHA256 = h.hex
	return f, nil
}

type checksum struct {
	hex string
	err error
}

// fileSHA256 hashes the file at path, or gives up when stop is closed.
func fileSHA256(path string, stop <-chan struct{}) checksum {
	in, err := os.Open(path)
	if err != nil {
		return checksum{err: err}
	}
	defer in.Close()
	h := sha256.New()
	buf := make([]byte, 1<<20)
	for {
		select {
		case <-stop:
			return checksum{err: errors.New("stopped")}
		default:
		}
		n, err := in.Read(buf)
		h.Write(buf[:n])
		if err == io.EOF {
			return checksum{hex: hex.EncodeToString(h.Sum(nil))}
		}
		if err != nil {
			return checksum{err: err}
		}
	}
}

// say joins a reason's Chinese and English: clerks read the first, the
// logs and the lead developer the second.
func say(zh, en string) string { return zh + " " + en }

// noData are the cells that mean "no data", never zero.
var noData = map[string]bool{"": true, "—": true, "-": true, "--": true, "——": true, "…": true, "...": true, "/": true, "na": true, "n/a": true, "无": true, "x": true}

// cellValue is one value cell with what it is a value of.
type cellValue struct {
	row          int
	col          string
	cell         sheet.Cell
	code, unit   string
	region       string
	year         int
	status, note string
}

func (p *parser) value(c cellValue) {
	if p.fastValue(c) {
		return
	}
	raw := c.cell.Text
	if c.cell.Formula != "" {
		p.problem(c.row, c.col, c.cell.Formula, say("公式单元格：请先粘贴为数值（选择性粘贴→数值）", "a formula cell: paste the values (选择性粘贴→数值) before loading"))
		return
	}
	s := strings.TrimSpace(raw)
	if noData[norm(s)] || noData[s] {
		p.file.NoData++
		return
	}
	ind := p.opt.Indicators[c.code]
	if ind.Unit == "" {
		p.milestone(c, ind)
		return
	}
	v, pct, err := parseNumber(s)
	if err != nil {
		p.problem(c.row, c.col, raw, err.Error())
		return
	}
	unit := c.unit
	if c.cell.Percent {
		// The cell stores a fraction that Excel shows as a percentage.
		if ind.Unit != "%" {
			p.problem(c.row, c.col, raw, fmt.Sprintf("百分比格式的单元格，但“%s”以%s计 a percentage-formatted cell for %s, which is kept in %s", ind.NameZh, ind.Unit, ind.NameZh, ind.Unit))
			return
		}
		v = v.Mul(decimal.NewFromInt(100))
		p.percentCells++
		if p.percentExample == "" {
			p.percentExample = fmt.Sprintf("第%d行 row %d %s %d: %s → %s%%", c.row, c.row, ind.NameZh, c.year, s, v)
		}
		pct = true
	}
	if pct {
		if unit != "" && unit != "%" {
			p.problem(c.row, c.col, raw, fmt.Sprintf("百分数，但单位是%s a percentage for a value in %s", unit, unit))
			return
		}
		unit = "%"
	}
	if unit == "" {
		if model.Ambiguous(ind.Unit) {
			p.problem(c.row, c.col, raw, fmt.Sprintf("缺少单位：%s以%s计，同类单位有多种（万元/亿元…），请加“单位”列或在名称中写明单位 no unit: %s is kept in %s, and values may come in other units of the same kind (万元/亿元 …); add a 单位 column or write the unit in the label", ind.NameZh, ind.Unit, ind.NameZh, ind.Unit))
			return
		}
		unit = ind.Unit
	}
	conv, err := model.Convert(v, unit, ind.Unit)
	if err != nil {
		p.problem(c.row, c.col, raw, fmt.Sprintf("单位不符 unit mismatch: %v", err))
		return
	}
	if conv.Exponent() < -10 && !conv.Equal(conv.Round(10)) {
		p.problem(c.row, c.col, raw, say("换算为"+ind.Unit+"后超过10位小数", "more than 10 decimal places after conversion to "+ind.Unit))
		return
	}
	if conv.Abs().GreaterThanOrEqual(decimal.New(1, 27)) {
		p.problem(c.row, c.col, raw, say("数值过大", "value too large"))
		return
	}
	if ind.Min != nil && conv.LessThan(*ind.Min) {
		reason := say(fmt.Sprintf("低于指标的自然下限%s %s", ind.Min, ind.Unit), fmt.Sprintf("below the indicator's natural bound %s %s", ind.Min, ind.Unit))
		if ind.Min.IsZero() {
			reason = say("负值，但该指标不能为负", "negative value for a quantity that cannot be negative")
		}
		p.problem(c.row, c.col, raw, reason)
		return
	}
	if ind.Max != nil && conv.GreaterThan(*ind.Max) {
		p.problem(c.row, c.col, raw, say(fmt.Sprintf("高于指标的自然上限%s %s（比重超过100%%？）", ind.Max, ind.Unit), fmt.Sprintf("above the indicator's natural bound %s %s (a share over 100%%?)", ind.Max, ind.Unit)))
		return
	}
	p.store(c, ind, raw, conv)
}

// store keeps a value unless the same indicator, region and year came
// earlier in the file.
func (p *parser) store(c cellValue, ind model.Indicator, raw string, v decimal.Decimal) {
	py, region := p.pairOf(c.code, c.region)
	for _, y := range *py {
		if int(y.year) == c.year {
			prev := y.row
			p.problem(c.row, c.col, raw, fmt.Sprintf("重复：%s、%s、%d年已在第%d行给出 duplicate: %s, %s, %d already given on row %d", ind.NameZh, c.region, c.year, prev, ind.NameZh, c.region, c.year, prev))
			return
		}
	}
	*py = append(*py, yearRow{int32(c.year), int32(c.row)})
	p.file.Values++
	o := Observation{Indicator: c.code, Region: region, Year: c.year, Value: v, Status: c.status, Note: c.note, Row: c.row, Column: c.col}
	if p.opt.Sink == nil {
		p.file.Observations = append(p.file.Observations, o)
		return
	}
	if p.nProblems > 0 || p.sinkErr != nil {
		return // nothing of this file will be stored
	}
	p.sinkErr = p.opt.Sink(o)
}

// milestone reads a qualitative task's report: done (1) or not done (0).
func (p *parser) milestone(c cellValue, ind model.Indicator) {
	var v int64
	switch norm(c.cell.Text) {
	case "1", "是", "完成", "已完成", "done", "yes", "y", "√", "✓":
		v = 1
	case "0", "否", "未完成", "not done", "no", "n", "×":
		v = 0
	default:
		p.problem(c.row, c.col, c.cell.Text, say("定性任务只接受1/完成或0/未完成", "a milestone (定性任务) takes 1/完成 or 0/未完成"))
		return
	}
	if ind.NameZh == "" {
		ind.NameZh = c.code
	}
	p.store(c, ind, c.cell.Text, decimal.NewFromInt(v))
}

var plainNumber = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$`)

// parseNumber reads a statistics number: full-width digits, thousands
// separators and a trailing % are accepted. NaN, Inf and the like are not
// numbers.
func parseNumber(s string) (decimal.Decimal, bool, error) {
	t := width.Narrow.String(strings.TrimSpace(s))
	t = strings.ReplaceAll(t, " ", "")
	t = strings.ReplaceAll(t, "\u00a0", "")
	t = strings.ReplaceAll(t, "。", ".")
	pct := strings.HasSuffix(t, "%")
	t = strings.TrimSuffix(t, "%")
	if strings.Contains(t, ",") {
		if !regexp.MustCompile(`^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$`).MatchString(t) {
			return decimal.Decimal{}, false, fmt.Errorf("不是数字（千位分隔符位置不对） not a number (misplaced thousands separator)")
		}
		t = strings.ReplaceAll(t, ",", "")
	}
	if !plainNumber.MatchString(t) {
		return decimal.Decimal{}, false, fmt.Errorf("不是数字 not a number")
	}
	d, err := decimal.NewFromString(t)
	if err != nil {
		return decimal.Decimal{}, false, fmt.Errorf("不是数字 not a number")
	}
	return d, pct, nil
}
