#!/usr/bin/env python3
"""Writes the hand-made hostile inputs of fuzz/regressions/ (the fuzzers' own findings are kept
as they were found). Run from anywhere: `python3 fuzz/make_hostile.py`. Each file is written
where it is now, in regressions/ or, while its fix is pending, regressions-pending/; a new one goes
to regressions/. The workbooks are built here byte by byte so that each carries exactly one flaw.
"""

import io
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def write(name, data):
    for folder in ("regressions", "regressions-pending"):
        path = os.path.join(HERE, folder, name)
        if os.path.exists(path):
            break
    else:
        path = os.path.join(HERE, "regressions", name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def zipped(parts):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name, text in parts:
            # A fixed date keeps the bytes the same on every run.
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), text)
    return buf.getvalue()


ANSWERS = "question_id,answer,respondent,institution,evidence,comment\n"
write("csv_answers/only-carriage-return.csv", b"\r")
write("csv_answers/bom-only.csv", b"\xef\xbb\xbf")
write("csv_answers/lone-quote.csv", 'question_id,answer,respondent\n"inf.09,3,Ana Lee\n')
write("csv_answers/nul-byte-in-a-cell.csv", ANSWERS + "inf.09,3\x00,Ana Lee,Ministry of ICT,,\n")
write("csv_answers/escape-sequence-in-a-question-id.csv", ANSWERS + "inf.9\x1b[2J\x1b[31m9,3,Ana Lee,Ministry of ICT,,\n")
write("csv_answers/control-character-in-an-unknown-header.csv", "question_id,answer,respondent,instit\x05tion\ninf.09,3,Ana Lee,Ministry of ICT\n")
write("csv_answers/windows-1252-header-with-an-undefined-byte.csv", b"question_id,answer,respondent,insti\x8ftion\ninf.09,2,Ana Lee\n")
write("csv_systems/escape-sequence-in-a-status.csv", "name,owner,building_blocks,status\nCivil Registry,Registrar General,registration,produc\x1b]0;pwned\x07tion\n")
write("csv_systems/bidi-override-in-a-building-block.csv", "name,owner,building_blocks,status\nCivil Registry,Registrar General,regis\u202etration,production\n")
write("csv_systems/utf16-odd-length.csv", b"\xff\xfen\x00a\x00m\x00e\x00\n")
write("field_export/kobo-header-only.csv", "start,end,_uuid,_submission_time,_index\n")
write("mapping/mapping-is-a-list.yaml", "- systems\n- name: System Title\n")
write("mapping/deeply-nested.yaml", "systems: " + "[" * 5000 + "]" * 5000 + "\n")
write("framework_yaml/deeply-nested.yaml", "pillars: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n")
write("framework_yaml/not-utf8.yaml", b"id: gov\xffstack\n")
levels = ["a: &a [" + ",".join(['"x"'] * 9) + "]"]
for prev, name in zip("abcdefg", "bcdefgh"):
    levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
write("yaml_definitions/alias-bomb.yaml", "\n".join(levels) + "\ncountry: *h\n")
write("yaml_definitions/control-characters-in-the-country.yaml",
      'country: "Test\\x1b[31mland\\u0007"\niso3: XTL\nassessment_date: "2026-01-15"\n'
      "framework: govstack-dpi\nquestionnaires: [govstack-dpi-full]\ninputs:\n  answers: [answers.csv]\n")

# xlsx: one sheet `answers`, inline strings, every part stored.
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def xlsx(rows, extra=()):
    return zipped([
        ("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        ("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="answers" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        ("xl/worksheets/sheet1.xml", f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'),
        *extra,
    ])


def text(ref, value):
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


HEADER = '<row r="1">' + text("A1", "question_id") + text("B1", "answer") + text("C1", "respondent") + "</row>"
write("xlsx/cell-at-xfd1048576.xlsx", xlsx(HEADER + '<row r="1048576">' + text("XFD1048576", "inf.09") + "</row>"))
write("xlsx/cell-past-the-last-column.xlsx", xlsx(HEADER + '<row r="2">' + text("XFE2", "inf.09") + "</row>"))
write("xlsx/row-number-zero.xlsx", xlsx(HEADER + '<row r="0">' + text("A0", "inf.09") + "</row>"))
write("xlsx/shared-string-index-out-of-range.xlsx", xlsx(
    HEADER + '<row r="2"><c r="A2" t="s"><v>4294967295</v></c></row>',
    [("xl/sharedStrings.xml", f'<?xml version="1.0"?><sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>x</t></si></sst>')]))
write("xlsx/control-characters-in-a-cell.xlsx", xlsx(
    HEADER + '<row r="2">' + text("A2", "inf._x001B_[2J09") + text("B2", "3") + text("C2", "Ana") + "</row>"))
with open(os.path.join(ROOT, "tests/fixtures/workbooks/one-sheet.xlsx"), "rb") as f:
    whole = f.read()
write("xlsx/truncated-zip.xlsx", whole[: len(whole) // 2])

# ods
buf = io.BytesIO()
zipfile.ZipFile(buf, "w").close()
write("ods/empty-zip.ods", buf.getvalue())
ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
write("ods/repeated-cells-beyond-the-limit.ods", zipped([
    ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
    ("content.xml", f'<?xml version="1.0"?><office:document-content {ODS_NS}><office:body><office:spreadsheet><table:table table:name="answers"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>'),
    ("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'),
]))
