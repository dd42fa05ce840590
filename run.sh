#!/usr/bin/env bash
# Set up if needed, then serve Learning on http://127.0.0.1:5000 with SQLite, the file-system blob
# store and the demo organisation (log in as admin / Belajar#2026, or a demo NIP).
set -euo pipefail
cd "$(dirname "$0")"
eng/setup.sh run
echo "Kota Semarang: http://127.0.0.1:5000   Kota Salatiga: http://salatiga.localhost:5000 (or http://127.0.0.1:5000/t/salatiga/)"
echo "E-mail (no mail server in the demo) is written as .eml files to src/Learning.Web/App_Data/mail"
# Without a mail server of its own, the demo writes each e-mail to a pickup folder (Smtp:Host switches to real SMTP).
# Logs as one plain line each, for the person reading this terminal (a server for a log collector writes JSON lines).
exec dotnet run --project src/Learning.Web -c Release -- --urls=http://127.0.0.1:5000 --Demo=true --Smtp:PickupDirectory=mail --Logs:Console=simple "$@"
