; The What Matters installer for Windows x64, built on Linux by
; scripts/windows.sh with Debian's makensis. It installs for the person
; running it, with no administrator: the program in
; %LOCALAPPDATA%\Programs\What Matters, a Start-menu entry, and an
; uninstaller that keeps the person data (%APPDATA%\WhatMatters) unless
; asked to delete it.
;
; Defines from the build: VERSION (1.2.3), EXE (the signed whatmatters.exe),
; OUTFILE, ICON; SIGN (a command that signs the file named after it, for
; the uninstaller) and WEBVIEW2 (an offline WebView2 Runtime installer to
; embed) are optional.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

!define PRODUCT "What Matters"
!define COMPANY "What Matters team"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\WhatMatters"
; The WebView2 Runtime's client id, the same for every channel of it.
!define WEBVIEW2_GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=1033 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1033 "CompanyName" "${COMPANY}"
VIAddVersionKey /LANG=1033 "FileDescription" "${PRODUCT} installer"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "Copyright © ${COMPANY}"

!ifdef SIGN
  ; Sign the uninstaller as it is written into the installer.
  !uninstfinalize '${SIGN} "%1"' = 0
!endif

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\whatmatters.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Open ${PRODUCT}"
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_UNCOMPONENTSPAGE_TEXT_TOP "${PRODUCT} will be removed from this computer. The people's records (the database in %APPDATA%\WhatMatters) are kept unless you tick the second box: make a backup first."

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

; WebView2 sets $0 to the WebView2 Runtime's version, or "" when it is
; not installed (for this user or for the whole computer).
!macro FindWebView2
  StrCpy $0 ""
  ${If} ${RunningX64}
    SetRegView 64
    ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
  SetRegView lastused
!macroend

Function .onInit
  SetShellVarContext current
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP|MB_OK "${PRODUCT} needs 64-bit Windows." /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

Section "${PRODUCT}" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "/oname=whatmatters.exe" "${EXE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\whatmatters.exe" "" "$INSTDIR\whatmatters.exe" 0

  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${COMPANY}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\whatmatters.exe"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1

  ; The app's window is Microsoft Edge WebView2. Clinics may have no
  ; network, so nothing is downloaded: an offline installer embedded at
  ; build time is run, or the person is told what IT must install.
  !insertmacro FindWebView2
  ${If} $0 == ""
    !ifdef WEBVIEW2
      DetailPrint "Installing the Microsoft Edge WebView2 Runtime"
      SetOutPath "$PLUGINSDIR"
      File "/oname=WebView2RuntimeInstaller.exe" "${WEBVIEW2}"
      ExecWait '"$PLUGINSDIR\WebView2RuntimeInstaller.exe" /silent /install' $1
      SetOutPath "$INSTDIR"
      !insertmacro FindWebView2
    !endif
  ${EndIf}
  ${If} $0 == ""
    DetailPrint "The Microsoft Edge WebView2 Runtime is not installed"
    MessageBox MB_ICONEXCLAMATION|MB_OK "${PRODUCT} is installed, but it needs the Microsoft Edge WebView2 Runtime, which is not on this computer, to open its window.$\r$\n$\r$\nIt comes with Windows 11 and with Windows 10 kept up to date. Ask your IT team to install the WebView2 Runtime (Microsoft's Evergreen Standalone Installer for x64 works with no network).$\r$\n$\r$\nThen open ${PRODUCT} from the Start menu." /SD IDOK
  ${Else}
    DetailPrint "Microsoft Edge WebView2 Runtime $0 found"
  ${EndIf}
SectionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "un.${PRODUCT}" UnSecProgram
  SectionIn RO
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$INSTDIR\whatmatters.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTKEY}"
SectionEnd

; Off unless ticked, and never in a silent uninstall: the records of the
; people supported, the app's settings, its window state and WebView2 data.
Section /o "un.Also delete the people's records (cannot be undone)" UnSecData
  RMDir /r "$APPDATA\WhatMatters"
  RMDir /r "$APPDATA\whatmatters.exe"
SectionEnd
