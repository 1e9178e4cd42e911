package server

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/plangap/plangap/app"

	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/model"
)

// requestError is a request the server cannot serve as asked: its message
// is written for the user and is safe to show.
type requestError struct {
	status int
	msg    string
}

func (e *requestError) Error() string { return e.msg }

// badRequest marks a malformed request (a bad parameter): 400.
func badRequest(format string, args ...any) error {
	return &requestError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// unauthorized marks a missing or invalid token: 401.
func unauthorized(msg string) error { return &requestError{http.StatusUnauthorized, msg} }

// tooLarge marks an upload over the size limit: 413.
func tooLarge() error {
	return &requestError{http.StatusRequestEntityTooLarge, "上传文件超过大小限制 upload larger than the limit"}
}

// invalid wraps an input error (a bad query parameter) so that its text,
// our own, is shown with a 400.
func invalid(err error) error {
	if err == nil {
		return nil
	}
	var re *requestError
	if errors.As(err, &re) {
		return err
	}
	return &requestError{http.StatusBadRequest, err.Error()}
}

// internalMessage is all a client learns of an unexpected error; the
// detail goes to the log, since it may name files, SQL or internals.
const internalMessage = "服务器内部错误，详情见服务器日志 internal server error; the details are in the server log"

// statusOf is the one place errors become HTTP statuses and the message a
// client may see. Anything not recognised is a 500 with a generic message.
func statusOf(err error) (int, string) {
	var re *requestError
	var probs model.Problems
	var tooBig *http.MaxBytesError
	var noBatch *app.UnknownBatchError
	switch {
	case errors.As(err, &re):
		return re.status, re.msg
	case errors.As(err, &noBatch):
		return http.StatusBadRequest, noBatch.Error() // a query parameter names it
	case errors.As(err, &probs):
		return http.StatusUnprocessableEntity, fmt.Sprintf("文件未导入：发现 %d 个问题 the file was not loaded: %d problems", probs.Total(), probs.Total())
	case errors.As(err, &tooBig):
		return http.StatusRequestEntityTooLarge, tooLarge().Error()
	case errors.Is(err, charts.ErrNoData):
		return http.StatusNotFound, "没有可画的内容：尚无实绩 " + err.Error()
	}
	switch model.ErrorCode(err) {
	case model.NotFound:
		return http.StatusNotFound, err.Error()
	case model.Invalid:
		return http.StatusBadRequest, err.Error()
	case model.Conflict:
		return http.StatusConflict, err.Error()
	case model.Unavailable:
		return http.StatusServiceUnavailable, err.Error()
	}
	return http.StatusInternalServerError, internalMessage
}

// problemsJSON is the 422 body: at most model.MaxListed problems, and the
// total, so a file with a million bad rows gives a small answer.
type problemsJSON struct {
	Error    string         `json:"error"`
	Problems model.Problems `json:"problems"`
	Total    int            `json:"total"`
}

// fail answers an API request with err's status and a JSON message.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := statusOf(err)
	if status == http.StatusInternalServerError {
		s.logf("%s %s: %v", r.Method, r.URL.Path, err)
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="plangap"`)
	}
	var probs model.Problems
	if status == http.StatusUnprocessableEntity && errors.As(err, &probs) {
		listed, _ := probs.Listed()
		writeJSON(w, status, problemsJSON{Error: msg, Problems: listed, Total: probs.Total()})
		return
	}
	httpError(w, status, msg)
}

// failPage answers a page request with err's status and message as text.
func (s *Server) failPage(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := statusOf(err)
	if status == http.StatusInternalServerError {
		s.logf("%s %s: %v", r.Method, r.URL.Path, err)
	}
	http.Error(w, msg, status)
}
