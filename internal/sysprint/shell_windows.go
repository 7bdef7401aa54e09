//go:build windows

package sysprint

import (
	"context"
	"errors"
	"runtime"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"

	"whatmatters/internal/care"
)

// Printing on Windows goes through the shell: the print verb of the app
// registered for PDF files prints to the default printer, printto to a
// named one; winspool lists the printers. The PDF app reads the file after
// ShellExecute returns, so the file must stay a while (Spooled is false).
type shell struct{}

func newSystem() System { return shell{} }

// errNoPrintApp is the error for a PDF app that has no print verb.
var errNoPrintApp = care.Errorf(care.EINVALID,
	"Windows has no app set up to print PDF files straight away. "+
		"Choose \"Open in my PDF viewer to print\", or save the PDF and print it from there")

// errNoViewer is the error for a computer with no app for PDF files.
var errNoViewer = care.Errorf(care.EINVALID,
	"Windows has no app set up to open PDF files. Save the PDF and open it from there")

// winspool lists the printers.
var (
	winspool              = windows.NewLazySystemDLL("winspool.drv")
	procEnumPrintersW     = winspool.NewProc("EnumPrintersW")
	procGetDefaultPrinter = winspool.NewProc("GetDefaultPrinterW")
)

const (
	printerEnumLocal       = 0x2
	printerEnumConnections = 0x4
)

// printerInfo4 is PRINTER_INFO_4W.
type printerInfo4 struct {
	name       *uint16
	server     *uint16
	attributes uint32
}

func (shell) Printers(ctx context.Context) ([]Printer, error) {
	var needed, count uint32
	flags := uintptr(printerEnumLocal | printerEnumConnections)
	procEnumPrintersW.Call(flags, 0, 4, 0, 0, uintptr(unsafe.Pointer(&needed)), uintptr(unsafe.Pointer(&count)))
	printers := []Printer{}
	if needed == 0 {
		return printers, nil
	}
	buf := make([]byte, needed)
	ok, _, err := procEnumPrintersW.Call(flags, 0, 4, uintptr(unsafe.Pointer(&buf[0])), uintptr(needed),
		uintptr(unsafe.Pointer(&needed)), uintptr(unsafe.Pointer(&count)))
	if ok == 0 {
		return nil, err
	}
	def := defaultPrinter()
	infos := unsafe.Slice((*printerInfo4)(unsafe.Pointer(&buf[0])), count)
	for _, info := range infos {
		name := windows.UTF16PtrToString(info.name)
		printers = append(printers, Printer{Name: name, Default: name == def})
	}
	runtime.KeepAlive(buf)
	return printers, nil
}

// defaultPrinter is the user's default printer, or "".
func defaultPrinter() string {
	var n uint32
	procGetDefaultPrinter.Call(0, uintptr(unsafe.Pointer(&n)))
	if n == 0 {
		return ""
	}
	buf := make([]uint16, n)
	if ok, _, _ := procGetDefaultPrinter.Call(uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&n))); ok == 0 {
		return ""
	}
	return windows.UTF16ToString(buf)
}

func (s shell) Print(ctx context.Context, path, printer, title string) (Job, error) {
	if printer != "" && !validName(printer) {
		return Job{}, errBadName
	}
	def := defaultPrinter()
	if printer == "" {
		printers, err := s.Printers(ctx)
		if err != nil {
			return Job{}, err
		}
		switch {
		case len(printers) == 0:
			return Job{}, ErrNoPrinter
		case def == "":
			return Job{}, errNoDefault
		}
		printer = def
	}
	verb, args := "print", ""
	if printer != def {
		verb, args = "printto", `"`+printer+`"`
	}
	if err := shellExecute(verb, path, args); err != nil {
		if errors.Is(err, windows.ERROR_NO_ASSOCIATION) {
			return Job{}, errNoPrintApp
		}
		return Job{}, care.Errorf(care.EINVALID, "The plan could not be sent to the printer %s: %v", printer, err)
	}
	return Job{Printer: printer, Spooled: false}, nil
}

func (shell) Open(ctx context.Context, path string) error {
	if err := shellExecute("open", path, ""); err != nil {
		return errNoViewer
	}
	return nil
}

// shellExecute runs ShellExecuteW on a thread with COM set up, as the
// shell's extensions may need it.
func shellExecute(verb, file, args string) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	// S_FALSE (1): COM was set up on this thread already; it still needs
	// its CoUninitialize.
	if err := windows.CoInitializeEx(0, windows.COINIT_APARTMENTTHREADED|windows.COINIT_DISABLE_OLE1DDE); err == nil || err == syscall.Errno(1) {
		defer windows.CoUninitialize()
	}
	v, err := windows.UTF16PtrFromString(verb)
	if err != nil {
		return err
	}
	f, err := windows.UTF16PtrFromString(file)
	if err != nil {
		return err
	}
	var a *uint16
	if args != "" {
		if a, err = windows.UTF16PtrFromString(args); err != nil {
			return err
		}
	}
	return windows.ShellExecute(0, v, f, a, nil, windows.SW_HIDE)
}
