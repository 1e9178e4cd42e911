// Package model holds plangap's domain types: plans, indicators, targets and
// units, and the rules that say whether a target is met. It imports no
// database, file-format or plotting code.
package model
