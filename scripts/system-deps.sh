#!/usr/bin/env bash
# Debian packages the product and its tests need: Chromium (browser tests), LibreOffice Writer
# (PDF from DOCX), poppler-utils (reading PDFs back), Liberation fonts (Times New Roman metrics).
# Installs what is missing when run as root; otherwise says what to install.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
# fc-list filters by family itself: piping it into `grep -q` breaks the pipe under pipefail.
[ -n "$(fc-list "Liberation Serif" 2>/dev/null)" ] || missing+=(fonts-liberation)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Cài gói hệ thống còn thiếu: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Thiếu gói hệ thống: ${missing[*]} — chạy: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
