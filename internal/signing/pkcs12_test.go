package signing

import (
	"encoding/asn1"
	"math/big"
	"testing"
)

func TestCheckP12Iterations(t *testing.T) {
	t.Run("ErrIterationsInDER", func(t *testing.T) {
		der, _ := asn1.Marshal(struct {
			Salt []byte
			N    *big.Int
		}{[]byte("salt"), big.NewInt(1 << 31)})
		if err := checkP12Iterations(der); err == nil {
			t.Error("2^31 iterations accepted")
		}
	})
	t.Run("OK", func(t *testing.T) {
		der, _ := asn1.Marshal(struct {
			Salt []byte
			N    int
		}{[]byte("salt"), 2048})
		if err := checkP12Iterations(der); err != nil {
			t.Errorf("2,048 iterations: %v", err)
		}
	})
}
