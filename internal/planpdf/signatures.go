package planpdf

import (
	"math"
	"strings"

	"whatmatters/internal/care"
)

// How the plan was agreed: drawn signatures as vector strokes, or the
// recorded alternative.

// signatures draws each drawn signature as vector lines in a box, or says
// how agreement was recorded instead.
func (r *renderer) signatures() []block {
	var out []block
	for _, s := range r.doc.Signatures {
		role := care.ChoiceLabel(care.SignatureRoles, s.Role)
		name := r.words(s.Name+" ("+strings.ToLower(role[:1])+role[1:]+")", para{bold: true, keep: true})
		switch s.Method {
		case care.SignVerbal:
			out = append(out, block{paras: append(name, r.words("Agreed verbally, witnessed by "+s.Witness+".", para{})...)})
		case care.SignUnable:
			out = append(out, block{paras: append(name, r.words("Unable to sign: "+s.Reason+".", para{})...)})
		default:
			out = append(out, r.drawnSignature(name, s.Strokes))
		}
	}
	return out
}

// drawnSignature is a name and a box with the strokes in it, kept together.
func (r *renderer) drawnSignature(name []para, strokes [][]care.Point) block {
	p := r.pdf
	ls, h := r.layAll(name)
	const w, boxH = 80.0, 25.0
	return block{first: h + boxH + 3, draw: func() {
		for _, l := range ls {
			for i := 0; i < l.n(); i++ {
				r.emit(l, i)
			}
		}
		x, y := pageLeft+r.indent(), p.GetY()+1
		p.SetDrawColor(118, 134, 146)
		p.SetLineWidth(0.2)
		p.Rect(x, y, w, boxH, "D")
		p.SetDrawColor(0, 0, 0)
		p.SetLineWidth(0.5)
		p.SetLineCapStyle("round")
		p.SetLineJoinStyle("round")
		at := func(pt care.Point) (float64, float64) {
			return x + math.Min(math.Max(pt.X, 0), 1)*w, y + math.Min(math.Max(pt.Y, 0), 1)*boxH
		}
		for _, stroke := range strokes {
			if len(stroke) == 0 {
				continue
			}
			// One path per stroke; points closer than a fifth of a
			// millimetre to the last one drawn add nothing on paper.
			lx, ly := at(stroke[0])
			p.MoveTo(lx, ly)
			drawn := 0
			for i, pt := range stroke[1:] {
				px, py := at(pt)
				if math.Hypot(px-lx, py-ly) < 0.2 && i < len(stroke)-2 {
					continue
				}
				p.LineTo(px, py)
				lx, ly, drawn = px, py, drawn+1
			}
			if drawn == 0 {
				p.LineTo(lx, ly) // a dot
			}
			p.DrawPath("D")
		}
		p.SetLineWidth(0.2)
		p.SetY(y + boxH + 2)
	}}
}
