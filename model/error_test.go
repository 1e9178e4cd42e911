package model

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorCode(t *testing.T) {
	base := Errorf(NotFound, "没有第%d批数据 no batch %d", 9, 9)
	wrapped := fmt.Errorf("gap: %w", base)
	if ErrorCode(wrapped) != NotFound {
		t.Errorf("code of a wrapped error: %s", ErrorCode(wrapped))
	}
	if ErrorCode(Problems{{File: "x.csv", Reason: "bad"}}) != Invalid {
		t.Error("problems are invalid input")
	}
	if ErrorCode(errors.New("disk on fire")) != Internal {
		t.Error("a plain error is internal")
	}
	cause := errors.New("lock held")
	e := Errorf(Unavailable, "数据库被占用 the database is held: %w", cause)
	if !errors.Is(e, cause) || ErrorCode(e) != Unavailable {
		t.Errorf("cause lost: %v", e)
	}
}
