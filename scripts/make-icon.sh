#!/usr/bin/env bash
# Draws the app icon (build/appicon.png, 1024×1024, what Wails expects) and
# the Windows icon made from it (build/windows/icon.ico). Both are
# committed; run this only to change them. Needs ImageMagick.
set -euo pipefail
cd "$(dirname "$0")/.."
convert -size 1024x1024 xc:none \
  -fill '#005EB8' -draw 'roundrectangle 64,64 960,960 180,180' \
  -fill white -draw "path 'M 512,800 C 300,650 200,540 200,400 C 200,300 280,230 370,230 C 430,230 485,262 512,310 C 539,262 594,230 654,230 C 744,230 824,300 824,400 C 824,540 724,650 512,800 Z'" \
  -fill '#005EB8' -draw 'roundrectangle 380,440 644,500 20,20' -draw 'roundrectangle 482,338 542,602 20,20' \
  -depth 8 -strip build/appicon.png
convert build/appicon.png -define icon:auto-resize=256,64,48,32,24,16 build/windows/icon.ico
