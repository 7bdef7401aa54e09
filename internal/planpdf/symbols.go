package planpdf

import (
	"math"

	"github.com/jung-kurt/gofpdf"
)

// symbol draws a simple symbol for a section, for easy read.
func (r *renderer) symbol(name string, x, y, size float64) {
	p := r.pdf
	p.SetDrawColor(0, 94, 184)
	p.SetFillColor(0, 94, 184)
	p.SetLineWidth(0.8)
	c := size / 2
	cx, cy := x+c, y+c
	person := func(cx, top, s float64) {
		p.Circle(cx, top+s*0.22, s*0.22, "F")
		p.RoundedRect(cx-s*0.4, top+s*0.5, s*0.8, s*0.5, s*0.25, "12", "F")
	}
	switch name {
	case "heart":
		p.Circle(cx-c/2.2, cy-c/4, c/2.2, "F")
		p.Circle(cx+c/2.2, cy-c/4, c/2.2, "F")
		p.Polygon([]gofpdf.PointType{{X: x, Y: cy - c/8}, {X: x + size, Y: cy - c/8}, {X: cx, Y: y + size}}, "F")
	case "star":
		var pts []gofpdf.PointType
		for i := 0; i < 10; i++ {
			rad := c
			if i%2 == 1 {
				rad = c / 2.5
			}
			a := float64(i)*0.6283185 - 1.5707963
			pts = append(pts, gofpdf.PointType{X: cx + rad*math.Cos(a), Y: cy + rad*math.Sin(a)})
		}
		p.Polygon(pts, "F")
	case "check":
		p.Line(x, cy, cx-c/4, y+size)
		p.Line(cx-c/4, y+size, x+size, y)
	case "warning":
		p.Polygon([]gofpdf.PointType{{X: cx, Y: y}, {X: x + size, Y: y + size}, {X: x, Y: y + size}}, "D")
		p.Line(cx, y+size/3, cx, y+size*0.7)
	case "calendar":
		p.Rect(x, y+size/6, size, size*5/6, "D")
		p.Line(x, y+size/2.5, x+size, y+size/2.5)
	case "pen":
		p.Line(x, y+size, x+size, y)
		p.Line(x, y+size, x+size, y+size)
	case "pound":
		p.SetFont("noto", "B", size*ptPerMM*1.3)
		p.SetTextColor(0, 94, 184)
		p.Text(x, y+size*0.95, "£")
		p.SetTextColor(33, 43, 50)
	case "strength": // a sun: what is going well
		p.Circle(cx, cy, c/2.2, "F")
		for i := 0; i < 8; i++ {
			a := float64(i) * math.Pi / 4
			p.Line(cx+c*0.65*math.Cos(a), cy+c*0.65*math.Sin(a), cx+c*math.Cos(a), cy+c*math.Sin(a))
		}
	case "community": // a house
		p.Polygon([]gofpdf.PointType{{X: x, Y: cy}, {X: cx, Y: y}, {X: x + size, Y: cy}}, "F")
		p.Rect(x+size/6, cy, size*2/3, size/2, "F")
	case "people":
		person(cx-c/2, y+size/6, size*0.6)
		person(cx+c/2, y, size*0.7)
	case "team": // a person and a cross
		person(cx-c/3, y, size*0.75)
		p.Rect(x+size*0.72, y+size*0.1, size*0.28, size*0.08, "F")
		p.Rect(x+size*0.82, y, size*0.08, size*0.28, "F")
	case "speech":
		p.RoundedRect(x, y, size, size*0.7, size/5, "1234", "F")
		p.Polygon([]gofpdf.PointType{{X: x + size/5, Y: y + size*0.6}, {X: x + size/2.5, Y: y + size*0.6}, {X: x + size/6, Y: y + size}}, "F")
	case "health": // a cross
		p.Rect(x+size/3, y, size/3, size, "F")
		p.Rect(x, y+size/3, size, size/3, "F")
	case "decision": // a signpost
		p.Line(cx, y, cx, y+size)
		p.Polygon([]gofpdf.PointType{{X: cx, Y: y}, {X: x + size*0.85, Y: y}, {X: x + size, Y: y + size/8}, {X: x + size*0.85, Y: y + size/4}, {X: cx, Y: y + size/4}}, "F")
		p.Polygon([]gofpdf.PointType{{X: cx, Y: y + size*0.35}, {X: x + size*0.15, Y: y + size*0.35}, {X: x, Y: y + size*0.475}, {X: x + size*0.15, Y: y + size*0.6}, {X: cx, Y: y + size*0.6}}, "F")
	case "legal": // a page with lines
		p.Rect(x+size/8, y, size*3/4, size, "D")
		for i := 1; i <= 3; i++ {
			ly := y + float64(i)*size/4
			p.Line(x+size/4, ly, x+size*3/4, ly)
		}
	case "meeting": // two speech bubbles
		p.RoundedRect(x, y, size*0.65, size*0.45, size/8, "1234", "F")
		p.RoundedRect(x+size*0.35, y+size*0.5, size*0.65, size*0.45, size/8, "1234", "D")
	case "phone": // a telephone handset
		p.SetLineWidth(size * 0.18)
		p.Arc(x+size*0.95, y+size*0.05, size*0.72, size*0.72, 0, 180, 270, "D")
		p.Circle(x+size*0.25, y+size*0.14, size*0.17, "F")
		p.Circle(x+size*0.86, y+size*0.75, size*0.17, "F")
	case "change": // arrows going round
		rad := c * 0.75
		p.SetLineWidth(size * 0.12)
		p.Arc(cx, cy, rad, rad, 0, 40, 320, "D")
		tx, ty := cx+rad*math.Cos(0.7), cy-rad*math.Sin(0.7)
		p.Polygon([]gofpdf.PointType{{X: tx - size*0.2, Y: ty - size*0.02}, {X: tx + size*0.2, Y: ty - size*0.02}, {X: tx + size*0.02, Y: ty + size*0.25}}, "F")
	default: // person
		person(cx, y, size)
	}
	p.SetLineWidth(0.2)
}
