// Package docx writes Word (.docx, Office Open XML WordprocessingML) documents
// that Word and WPS open, edit and print: the 中期评估 report's format for
// offices that stamp and file it.
//
// A Document is built front to back with New, Heading, Paragraph, Runs,
// Table, Image, PageBreak, TOC and Landscape, then written with WriteTo.
// Errors from bad input (an image that is not PNG or JPEG, a table whose rows
// are wider than its header) are kept and returned by WriteTo, so a report can
// be built without checking every call.
//
// The package writes the XML parts itself (archive/zip and strings): no
// maintained, freely licensed Go library for writing .docx is available.
package docx
