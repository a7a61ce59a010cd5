#!/usr/bin/env python3
"""Build the workbook copies of the kalindra-2024 sample: kalindra-2024-xlsx/ and kalindra-2024-ods/.

How to run (from the repository root, after make_answers.py):

    pip install openpyxl                          # authoring only; the tool itself does not need it
    python3 sample-data/tools/make_workbooks.py   # needs LibreOffice (`soffice`) for the .ods copy

What it writes:
  - kalindra-2024-xlsx/inputs.xlsx with three sheets:
      answers   every row of every answer csv listed in kalindra-2024/assessment.yaml, in that order,
                same columns;
      systems   a title row and a blank row above the header (the header row is found by its content),
                then the systems.csv rows;
      services  the services.csv rows;
      evidence, adjudications  the evidence register and the validation workshop's decisions,
                when kalindra-2024 lists them.
    Cells that hold a plain number in the csv (levels, counts, percent answers written without `%`)
    are written as numbers; everything else, including `85%` and `72%`, stays text.
  - kalindra-2024-ods/inputs.ods: the same workbook converted by
    `soffice --headless --convert-to ods`.
  - an assessment.yaml in each folder: kalindra-2024's, with the inputs pointing at the workbook.
"""

import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml
from openpyxl import Workbook
from openpyxl.styles import Font

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE_DATA = os.path.dirname(HERE)
SOURCE = os.path.join(SAMPLE_DATA, "kalindra-2024")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def cell(value, column):
    # question ids such as `inf.01` are never numbers; only the value columns are converted (a
    # register date written `2021` is a year, not the spreadsheet serial for 1905-07-13)
    if column in ("question_id", "name", "respondent", "institution", "id", "date", "checked_on", "agreed_on"):
        return value
    if NUMBER.match(value):
        return float(value) if "." in value else int(value)
    return value


def write_rows(ws, rows, bold_row):
    header = rows[0]
    ws.append(header)
    for c in ws[bold_row]:
        c.font = Font(bold=True)
    for r in rows[1:]:
        ws.append([cell(v, header[i]) for i, v in enumerate(r)])


def workspace_yaml(source_text, workbook, extra):
    """kalindra-2024's assessment.yaml with the inputs block replaced; `extra` lists the further
    inputs (evidence, adjudications) the workbook also holds, as sheets of their name."""
    lines = source_text.splitlines(keepends=True)
    start = next(i for i, l in enumerate(lines) if l.startswith("inputs:"))
    end = next(i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "\n") or lines[i] == "")
    block = (
        "inputs:\n"
        f"  # The same rows as ../kalindra-2024's csv files, in one workbook (sheets answers, systems,\n"
        f"  # services, and evidence and adjudications when it lists them); the systems sheet has a\n"
        f"  # title row and a blank row above its header.\n"
        f"  answers: [{workbook}]\n"
        f"  systems: {workbook}\n"
        f"  services: {workbook}\n"
        + "".join(f"  {name}: {workbook}\n" for name in extra)
    )
    return "".join(lines[:start]) + block + "".join(lines[end:])


def main():
    with open(os.path.join(SOURCE, "assessment.yaml"), encoding="utf-8") as f:
        source_text = f.read()
    ws_def = yaml.safe_load(source_text)
    inputs = ws_def["inputs"]

    wb = Workbook()
    answers = wb.active
    answers.title = "answers"
    all_rows = []
    for i, rel in enumerate(inputs["answers"]):
        rows = read_csv(os.path.join(SOURCE, rel))
        all_rows.extend(rows if i == 0 else rows[1:])
    write_rows(answers, all_rows, 1)

    systems = wb.create_sheet("systems")
    systems.append(["Kalindra national system inventory (validated at the workshop of 11 June 2024)"])
    systems["A1"].font = Font(bold=True, size=13)
    systems.append([])
    write_rows(systems, read_csv(os.path.join(SOURCE, inputs["systems"])), 3)

    services = wb.create_sheet("services")
    write_rows(services, read_csv(os.path.join(SOURCE, inputs["services"])), 1)

    # The evidence register and the workshop's decisions, each on a sheet of its input's name.
    extra = [name for name in ("evidence", "adjudications") if inputs.get(name)]
    for name in extra:
        write_rows(wb.create_sheet(name), read_csv(os.path.join(SOURCE, inputs[name])), 1)

    for ws in wb.worksheets:
        for col in ws.columns:
            width = max((len(str(c.value)) for c in col if c.value is not None and c.row > 1), default=8)
            ws.column_dimensions[col[0].column_letter].width = min(max(width, 8), 60)

    xlsx_dir = os.path.join(SAMPLE_DATA, "kalindra-2024-xlsx")
    ods_dir = os.path.join(SAMPLE_DATA, "kalindra-2024-ods")
    os.makedirs(xlsx_dir, exist_ok=True)
    os.makedirs(ods_dir, exist_ok=True)
    xlsx = os.path.join(xlsx_dir, "inputs.xlsx")
    wb.save(xlsx)
    print(f"{xlsx}: answers {answers.max_row - 1} rows, systems {systems.max_row - 3} rows, "
          f"services {services.max_row - 1} rows")

    with tempfile.TemporaryDirectory() as tmp:
        # a private profile directory so a running LibreOffice does not swallow the conversion
        profile = f"-env:UserInstallation=file://{tmp}/profile"
        subprocess.run(["soffice", profile, "--headless", "--convert-to", "ods", "--outdir", tmp, xlsx],
                       check=True, stdout=subprocess.DEVNULL)
        shutil.copyfile(os.path.join(tmp, "inputs.ods"), os.path.join(ods_dir, "inputs.ods"))
    print(f"{os.path.join(ods_dir, 'inputs.ods')}: converted")

    for folder, name in ((xlsx_dir, "inputs.xlsx"), (ods_dir, "inputs.ods")):
        with open(os.path.join(folder, "assessment.yaml"), "w", encoding="utf-8") as f:
            f.write(workspace_yaml(source_text, name, extra))
    return 0


if __name__ == "__main__":
    sys.exit(main())
