#!/usr/bin/env python3
"""Reads an .xlsx workbook with openpyxl and prints it as JSON, for neocloud's tests.

    scripts/read-xlsx.py FILE.xlsx

Prints {"sheets": [{"name", "freeze_panes", "rows": [[{"value", "type", "format"}, ...], ...]}]}
where type is "n" (number), "s" (string), "b", "d", "f" (formula) or "e" as openpyxl reads the
cell, and format its number format. Exits 2 when openpyxl is missing (install it with
scripts/system-packages.sh) and 1 when the file is not a workbook.
"""
import json
import sys

if len(sys.argv) != 2 or sys.argv[1] in ("-h", "--help"):
    print(__doc__.strip(), file=sys.stdout if "--help" in sys.argv or "-h" in sys.argv else sys.stderr)
    sys.exit(0 if "--help" in sys.argv or "-h" in sys.argv else 64)
try:
    import openpyxl
except ImportError:
    print("read-xlsx: openpyxl is not installed: run scripts/system-packages.sh "
          "(python3 -m pip install openpyxl).", file=sys.stderr)
    sys.exit(2)
try:
    workbook = openpyxl.load_workbook(sys.argv[1])
except Exception as error:  # openpyxl raises many kinds for a broken file
    print(f"read-xlsx: {sys.argv[1]} is not a readable workbook: {error}", file=sys.stderr)
    sys.exit(1)
sheets = []
for sheet in workbook.worksheets:
    rows = []
    for row in sheet.iter_rows():
        rows.append([{"value": cell.value, "type": cell.data_type, "format": cell.number_format} for cell in row])
    sheets.append({"name": sheet.title, "freeze_panes": sheet.freeze_panes, "rows": rows})
json.dump({"sheets": sheets}, sys.stdout, default=str)
