package labels

// Column headings shared by the report's annex, its workbook, the CLI's
// tables and the web pages.
var (
	No             = Text{"序号", "No."}
	ID             = Text{"编号", "id"}
	Region         = Text{"地区", "region"}
	DocNo          = Text{"文号", "document"}
	ChapterHeading = Text{"领域", "chapter"}
	Indicator      = Text{"指标", "indicator"}
	UnitHeading    = Text{"单位", "unit"}
	// AttributeHeading heads the 属性 column (约束性/预期性).
	AttributeHeading = Text{"属性", "type"}
	Base             = Text{"基期值", "base"}
	TargetValue      = Text{"目标值", "target"}
	Target           = Text{"目标", "target"}
	Actual           = Text{"实际值", "actual"}
	GrowthAYear      = Text{"年均增速", "growth a year"}
	Completion       = Text{"完成进度", "completion"}
	TimeShare        = Text{"时序进度", "time share"}
	Assessment       = Text{"评价", "assessment"}
	MethodHeading    = Text{"方法", "method"}
	ReportYear       = Text{"报告年份", "report year"}
	Targets          = Text{"目标数", "targets"}
	Composite        = Text{"综合得分", "composite"}
	Total            = Text{"合计", "total"}
	Yes              = Text{"是", "yes"}
	None             = Text{"无", "none"}
	Preliminary      = Text{"初步核算", "preliminary"}
	Final            = Text{"最终核实", "final"}
	Illustrative     = Text{"示例数据", "illustrative"}
	NoLeadDept       = Text{"未明确牵头部门", "no lead department named"}
)

// Column headings of the gap tables (the workbook's 指标差距 and 目标路径
// sheets, the CLI's tables and CSV), printed with both languages.
var (
	KindHeading       = Text{"类型", "kind"}
	BaseYearHeading   = Text{"基期年", "base year"}
	LatestYear        = Text{"最新年", "year"}
	Year              = Text{"年份", "year"}
	ActualShort       = Text{"实绩", "actual"}
	Gap               = Text{"差距", "gap"}
	RequiredRate      = Text{"所需年均增速", "required rate"}
	RequiredIncrement = Text{"所需年增量", "required increment"}
	ObservedRate      = Text{"实际年均增速", "observed"}
	ProjectionHeading = Text{"预测", "projection"}
	Probability       = Text{"达标概率", "probability"}
	StatusHeading     = Text{"状态", "status"}
	LeadHeading       = Text{"牵头部门", "lead"}
	Clause            = Text{"条款", "clause"}
	NoteHeading       = Text{"说明", "note"}
	DataStatus        = Text{"实绩数据状态", "data status"}
	Planned           = Text{"规划路径", "planned"}
	Required          = Text{"所需路径", "required"}
)

// Axis titles and legend entries of the charts.
var (
	AxisCompletion  = Text{"完成进度（%）", "completion share (%)"}
	AxisScheduleGap = Text{"π−τ（百分点）：负为滞后，正为超前", "π−τ (pp): below 0 behind, above 0 ahead"}
	LowerIsBetter   = Text{"（越低越好）", " (lower is better)"}
	FloorEveryYear  = Text{"底线（每年）", "floor (every year)"}
	TargetSum       = Text{"目标（累计）", "target (cumulative)"}
	TargetReduction = Text{"目标（期内累计降低）", "target (reduction over the period)"}
	EachYearTarget  = Text{"各年目标", "each year's target"}
	PlannedPath     = Text{"规划路径（隐含水平）", "planned path (implied level)"}
	Projection      = Text{"趋势预测", "trend projection"}
	Interval80      = Text{"80% 预测区间", "80% interval"}
	Interval95      = Text{"95% 预测区间", "95% interval"}
	RequiredPath    = Text{"所需路径", "required path"}
	RunningSum      = Text{"累计完成", "running sum"}
	PreliminaryMark = Text{"初步核算 †", "preliminary †"}
	YearsBelowFloor = Text{"未守住底线的年份", "years below the floor"}
	FloorBroken     = Text{"底线未守住", "floor broken"}
	BaseYear        = Text{"基期", "base"}
	ComparedWith    = Text{"比较对象 ", "compared with "}
	ParentRegion    = Text{"上级地区", "the parent region"}
	StatusKey       = Text{"状态（颜色与符号）", "status (colour and symbol)"}
	NoData          = Text{"无数据", "no data"}
)

// Chart titles, by the kind names of `plangap chart --kind` and the API.
var chartTitles = map[string]Text{
	"trajectory":  {"目标轨迹", "Target trajectory"},
	"progress":    {"规划目标完成进度与时序进度", "Completion share against time share"},
	"departments": {"牵头部门目标状态", "Target status by lead department"},
	"heatmap":     {"目标状态热力图（按报告年份）", "Target status by report year"},
	"heatmap-gap": {"时序进度差热力图（π−τ，百分点）", "Schedule gap π−τ by report year (pp)"},
	"dashboard":   {"主要指标一览", "Headline indicators"},
}

// Chart is a chart kind's title in lang ("heatmap" → 目标状态热力图（按报告年份）);
// an unknown kind is its name.
func Chart(kind, lang string) string {
	if t, ok := chartTitles[kind]; ok {
		return t.In(lang)
	}
	return kind
}

// The report's section headings.
var (
	SectionOverall      = Text{"一、总体评价", "1. Overall assessment"}
	SectionAchievements = Text{"二、主要成效", "2. Achievements"}
	SectionProblems     = Text{"三、存在问题", "3. Problems"}
	SectionNextSteps    = Text{"四、下一步建议", "4. Next steps"}
	SectionHeadline     = Text{"五、主要指标", "5. Headline indicators"}
	SectionMethods      = Text{"六、评估方法与数据来源", "6. Methods and data"}
)

// ReportPage holds the HTML report's fixed words by key: headings,
// column heads, captions.
var ReportPage = map[string]Text{
	"contents":    {"目录", "Contents"},
	"headline":    {"五、主要指标（附件1 指标事项）", "5. Headline indicators (Annex 1)"},
	"counts":      {"目标状态分布", "Targets by status"},
	"byChapterT":  {"分领域状态与综合得分", "Status and composite score by chapter"},
	"progress":    {"完成进度与时序进度", "Completion against time share"},
	"dashboard":   {"主要指标走势", "Headline indicators at a glance"},
	"byChapter":   {"六、分领域评估", "6. By chapter"},
	"depts":       {"七、牵头部门", "7. Lead departments"},
	"methods":     {"八、评估方法与阈值", "8. Methods and thresholds"},
	"provenance":  {"九、数据来源与版本", "9. Data sources and vintage"},
	"annex":       {"附表", "Annex"},
	"id":          {"编号", "id"},
	"indicator":   {"指标", "indicator"},
	"unit":        {"单位", "unit"},
	"actual":      {"实绩", "actual"},
	"target":      {"目标", "target"},
	"gap":         {"差距", "gap"},
	"pi":          {"完成进度", "completion"},
	"tau":         {"时序进度", "time share"},
	"sched":       {"进度差（百分点）", "π−τ (pp)"},
	"req":         {"所需年均", "needed a year"},
	"obs":         {"实际年均", "observed a year"},
	"status":      {"评价", "assessment"},
	"lead":        {"牵头部门", "lead department"},
	"dept":        {"部门", "department"},
	"chapter":     {"领域", "chapter"},
	"total":       {"目标数", "targets"},
	"composite":   {"综合得分", "composite"},
	"batch":       {"批次", "batch"},
	"loaded":      {"导入时间（北京时间）", "loaded (Beijing time)"},
	"file":        {"文件", "file"},
	"source":      {"来源", "source"},
	"dstatus":     {"数据状态", "data status"},
	"values":      {"数值", "values"},
	"revised":     {"修订", "revised"},
	"illusBanner": {"本报告使用示例数据，仅用于演示，不代表官方统计。", "This report uses illustrative data, not official statistics."},
	"prelim":      {"† 初步核算数，待最终核实。", "† preliminary figure, to be finalised."},
	"note":        {"说明", "note"},
	"generated":   {"生成时间（北京时间）", "generated (Beijing time)"},
	"figure":      {"图", "Figure"},
}
