package server

import (
	"net/http"
	"net/url"
	"sync"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/labels"
)

// langCookie remembers the page language a user chose with ?lang=, for
// the links that do not carry it.
const langCookie = "plangap_lang"

// langOf is the page language: ?lang=zh|en, else the one remembered,
// else Chinese.
func langOf(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "zh" || l == "en" {
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil && (c.Value == "zh" || c.Value == "en") {
		return c.Value
	}
	return "zh"
}

// rememberLang keeps a language chosen with ?lang= for the next pages.
func rememberLang(w http.ResponseWriter, r *http.Request) {
	if l := r.URL.Query().Get("lang"); l == "zh" || l == "en" {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: l, Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true,
			SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
	}
}

// enTheme draws English charts; it needs no font beyond gonum's own.
var enTheme = sync.OnceValue(func() *charts.Theme {
	th, err := charts.NewTheme("en", "")
	if err != nil {
		panic("server: " + err.Error())
	}
	return th
})

// themeFor is the chart theme for a page language: English pages get
// English charts; Chinese pages get the server's theme (English too
// when the server has no CJK font).
func (s *Server) themeFor(lang string) *charts.Theme {
	if lang == "en" && s.Theme.Lang != "en" {
		return enTheme()
	}
	return s.Theme
}

// words picks the Chinese or the English wording.
type words string

// T returns zh or en for the page's language.
func (l words) T(zh, en string) string {
	if l == "en" {
		return en
	}
	return zh
}

// label is a Label in the page's language.
func (l words) label(x analysis.Label) string { return l.T(x.Zh, x.En) }

// link builds a page URL from a path and parameters, leaving out the
// empty ones.
func link(path string, params ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(params); i += 2 {
		if params[i+1] != "" {
			v.Set(params[i], params[i+1])
		}
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// statusShape is the status's symbol from labels, the same one the charts'
// heatmaps draw, so a status reads without colour: the symbol and the
// words stand beside the colour everywhere.
func statusShape(st analysis.Status) string { return labels.StatusSymbol(st) }
