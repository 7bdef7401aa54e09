package planpdf_test

import (
	"context"
	"html/template"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// planHTML is the same plan as a web page, for headless Chromium to print:
// every section, field and entry of the snapshot, with the actions as a
// table whose header repeats, and the signatures' names.
var planHTML = template.Must(template.New("plan").Parse(`<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<style>body{font-family:sans-serif;font-size:11pt;margin:18mm}h1,h2{color:#005eb8;break-after:avoid}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #333;padding:2px 4px;text-align:left}thead{display:table-header-group}dt{font-weight:bold}
footer{position:fixed;bottom:0;font-size:9pt}</style></head><body>
<h1>My care and support plan</h1><h2>{{.Snapshot.Person.DisplayName}}</h2>
<p>Date of birth {{.Snapshot.Person.DateOfBirth}} · NHS number {{.Snapshot.Person.NHSNumber}}</p>
{{range .Changes}}<p>• {{.Text}}</p>{{end}}
{{range $key, $sec := .Snapshot.Sections}}<h2>{{$key}}</h2>
{{if eq $key "actions"}}<table><thead><tr><th>What</th><th>Who</th><th>By when</th><th>Status</th></tr></thead><tbody>
{{range $sec.Items}}<tr><td>{{.what}}</td><td>{{.owner}}</td><td>{{.byWhen}}</td><td>{{.status}}</td></tr>{{end}}</tbody></table>
{{else}}<dl>{{range $k, $v := $sec.Fields}}<dt>{{$k}}</dt><dd>{{$v}}</dd>{{end}}</dl>
{{range $sec.Items}}<dl>{{range $k, $v := .}}<dt>{{$k}}</dt><dd>{{$v}}</dd>{{end}}</dl>{{end}}{{end}}{{end}}
{{range .Snapshot.Decisions}}<h2>{{.Decision}}</h2>{{range .Options}}<p>{{.Option}}: {{.Benefits}} / {{.Risks}}</p>{{end}}{{end}}
<h2>Agreed and signed</h2>{{range .Signatures}}<p>{{.Name}} ({{.Role}})</p>{{end}}
<footer>Check code {{.CheckCode}}</footer></body></html>`))

// BenchmarkChromiumPrint prints the same plan with headless Chromium, the
// usual alternative to drawing PDFs in-process. Compare with
// BenchmarkRenderAndSign in the same run (make bench).
func BenchmarkChromiumPrint(b *testing.B) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		b.Skip("chromium not installed")
	}
	dir := b.TempDir()
	page := filepath.Join(dir, "plan.html")
	f, _ := os.Create(page)
	if err := planHTML.Execute(f, sample(b)); err != nil {
		b.Fatal(err)
	}
	f.Close()
	out := filepath.Join(dir, "plan.pdf")
	for b.Loop() {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--user-data-dir="+filepath.Join(dir, "profile"), "--no-pdf-header-footer", "--print-to-pdf="+out, "file://"+page)
		if msg, err := cmd.CombinedOutput(); err != nil {
			cancel()
			b.Fatalf("chromium: %v %s", err, msg)
		}
		cancel()
	}
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		b.Fatal("chromium wrote no PDF")
	}
}
