#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs from the repository: the fixtures under tests/,
# the sample workspaces, the definitions, workbooks the tool writes itself, and the saved
# regressions. Run from anywhere: `fuzz/seed.sh`. Safe to rerun: it only adds files.
#
# Why the extra copies of the workbooks: xlsx and ods are zip files whose parts are deflated, and
# a byte-level mutation of a deflated part rarely survives decompression, so the fuzzer would
# only explore the zip layer. A copy with every part stored (uncompressed) lets mutations reach
# the XML that the workbook readers parse.
#
# Needs python3 (zipfile, and PyYAML for the small framework); uses soffice when present to add
# ods copies of the xlsx seeds, and the dpi-assess binary (DPI_ASSESS, else `cargo run`) to
# write answer templates.
set -euo pipefail
shopt -s nullglob

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
corpus="fuzz/corpus"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# seed TARGET FILE...: copies each file under a name that says where it came from.
seed() {
    local target="$1"
    shift
    mkdir -p "$corpus/$target"
    local file
    for file in "$@"; do
        [ -f "$file" ] || continue
        cp "$file" "$corpus/$target/$(echo "${file#"$scratch"/}" | tr '/' '_')"
    done
}

# Every file of the repository's fixtures and samples (not build output or the corpus itself).
fixtures() {
    find tests/fixtures sample-data fuzz/workspaces -type f "$@" | sort
}

first_line_has() {
    head -n 1 "$1" | grep -qi -- "$2"
}

# Long-form answers: files with a question_id header, and every answers.csv fixture (broken ones
# included: UTF-16, Windows-1252, semicolons, no header, empty).
answers=()
systems=()
field=()
while IFS= read -r file; do
    case "$file" in
        tests/fixtures/field/*/*.csv)
            field+=("$file")
            ;;
        */answers.csv | */answers/*.csv)
            answers+=("$file")
            ;;
        */systems.csv | */services.csv | tests/fixtures/foreign/*.csv)
            systems+=("$file")
            ;;
        *)
            if first_line_has "$file" question_id; then answers+=("$file"); else systems+=("$file"); fi
            ;;
    esac
done < <(fixtures -name '*.csv')
seed csv_answers "${answers[@]}"
seed csv_systems "${systems[@]}"
# Field exports, and one long-form file (which must not be taken for an export).
seed field_export "${field[@]}" tests/fixtures/field/long/answers/social-insurance-board.csv

mapfile -t mappings < <(fixtures -name 'mapping.yaml')
seed mapping "${mappings[@]}"

mapfile -t workspaces < <(fixtures -name 'assessment.yaml')
seed yaml_definitions "${workspaces[@]}"

# Definitions: the questionnaires, and a small framework cut from the embedded one (the full
# framework is 285 kB, which would make every run slow and every mutation diluted).
python3 - frameworks/govstack-dpi/framework.yaml "$scratch/small-framework.yaml" <<'EOF'
import sys, yaml
fw = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
kept = set()
for pillar in fw["pillars"]:
    if pillar.get("kind") == "layer":
        pillar["dimensions"] = pillar["dimensions"][:1]
        for dimension in pillar["dimensions"]:
            dimension["indicators"] = dimension["indicators"][:2]
            kept |= {i["id"] for i in dimension["indicators"]}
blocks = fw["building_blocks"]["catalogue"][:3]
fw["building_blocks"]["catalogue"] = blocks
kept |= {b["id"] for b in blocks}
for block in blocks:
    block["depends_on"] = [d for d in block.get("depends_on", []) if d in kept]
fw["actions"] = [a for a in fw.get("actions", []) if a.get("raises") in kept][:6]
for key in ("caps", "consistency", "open_specifications"):
    fw.pop(key, None)
with open(sys.argv[2], "w", encoding="utf-8") as out:
    yaml.safe_dump(fw, out, sort_keys=False, allow_unicode=True, width=100)
EOF
seed framework_yaml "$scratch/small-framework.yaml" questionnaires/*.yaml

# Workbooks: the fixtures and samples, and answer templates written by the tool itself.
dpi_assess() {
    if [ -n "${DPI_ASSESS:-}" ]; then "$DPI_ASSESS" "$@"; else cargo run --quiet -- "$@"; fi
}
dpi_assess template --questionnaire govstack-dpi-rapid --out "$scratch/template-rapid.xlsx" >/dev/null
dpi_assess template sample-data/kalindra-2024 --out "$scratch/template-full.xlsx" >/dev/null
mapfile -t xlsx < <(fixtures -name '*.xlsx')
xlsx+=("$scratch/template-rapid.xlsx" "$scratch/template-full.xlsx")
mapfile -t ods < <(fixtures -name '*.ods')
if command -v soffice >/dev/null; then
    mkdir -p "$scratch/ods"
    for file in tests/fixtures/workbooks/one-sheet.xlsx tests/fixtures/field/kobo-xml/kobo-xml.xlsx "$scratch/template-rapid.xlsx"; do
        soffice --headless --convert-to ods --outdir "$scratch/ods" "$file" >/dev/null 2>&1 || true
    done
    ods+=("$scratch"/ods/*.ods)
fi

# Stored (uncompressed) copies of every workbook, and a minimal ods written by hand.
python3 - "$scratch/stored" "${xlsx[@]}" -- "${ods[@]}" <<'EOF'
import os, sys, zipfile
out = sys.argv[1]
os.makedirs(os.path.join(out, "xlsx"), exist_ok=True)
os.makedirs(os.path.join(out, "ods"), exist_ok=True)
kind = "xlsx"
for path in sys.argv[2:]:
    if path == "--":
        kind = "ods"
        continue
    try:
        with zipfile.ZipFile(path) as src:
            target = os.path.join(out, kind, "stored-" + os.path.basename(path))
            with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as dst:
                for item in src.infolist():
                    dst.writestr(item.filename, src.read(item.filename), zipfile.ZIP_STORED)
    except zipfile.BadZipFile:
        pass  # the not-a-zip fixture is seeded as it is
content = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
<office:body><office:spreadsheet><table:table table:name="answers">
<table:table-row><table:table-cell office:value-type="string"><text:p>question_id</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>answer</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>respondent</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>inf.09</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>Ana Lee</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>
"""
with zipfile.ZipFile(os.path.join(out, "ods", "minimal.ods"), "w", zipfile.ZIP_STORED) as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    z.writestr("content.xml", content)
    z.writestr("META-INF/manifest.xml", """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
""")
EOF
seed xlsx "${xlsx[@]}" "$scratch"/stored/xlsx/*
seed ods "${ods[@]}" "$scratch"/stored/ods/*

# The saved findings: the fuzzer starts from every input that once broke the tool.
for dir in fuzz/regressions/*/; do
    target="$(basename "$dir")"
    mapfile -t saved < <(find "$dir" -type f ! -name '*.md' | sort)
    [ "${#saved[@]}" -gt 0 ] && seed "$target" "${saved[@]}"
done

for dir in "$corpus"/*/; do
    printf '%-18s %4d seeds\n' "$(basename "$dir")" "$(find "$dir" -type f | wc -l)"
done
