"""Benchmark sskit on synthetic S, M and L profiles (see bench/generate.py).

    python bench/run.py                 # S, M, L, and a batch of 200 S profiles
    python bench/run.py --sizes S M --batch 40

For each size it reports, measured in this run on this machine:
- the full `sskit build` as a new process (interpreter start included, documents in one process per
  CPU as by default): the median wall time of --rounds builds into an empty OUT, with each round's
  figure, and the peak RSS;
- a rebuild with nothing changed, as a new process (median of as many);
- in-process stage times: load + validate + checks, Jinja rendering, Markdown parsing, DOCX writing;
- pandoc on the same Markdown (all documents of the set joined into one file, one process)
  against sskit's Markdown parse + DOCX write of that same file, and their ratio.
Then a batch of N copies of S built with --jobs 1 and --jobs 2.
pandoc is installed from Debian's packages when it is missing and we may (root + apt-get).
It is a measurement script, not a test: it asserts nothing.
"""
from __future__ import annotations

import argparse
import re
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import SIZES, build as build_profile, compile_tree, dump  # noqa: E402

import yaml  # noqa: E402


def run_process(args: list[str], env=None) -> tuple[float, int, int]:
    """(wall seconds, peak RSS in MB, exit code) of one child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.stderr.close()
    return wall, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status)


def stage_times(profile_path: Path) -> tuple[dict[str, float], str]:
    """In-process times of each pipeline stage, and the set's Markdown joined."""
    from sskit.build import check_profile, template_set_for
    from sskit.pipeline import document_context, document_meta, shared_context
    from sskit.documents import applicable_specs
    from sskit.markup import parse_markdown
    from sskit.render import render_template
    from sskit.writers.docx import write_docx

    times = {"load + validate + check": 0.0, "render templates": 0.0, "Markdown parse": 0.0, "DOCX write": 0.0}
    t = time.perf_counter()
    profile, catalogue, check = check_profile(profile_path)
    times["load + validate + check"] = time.perf_counter() - t
    templates = template_set_for(profile_path, None)
    facts = check.facts
    specs = applicable_specs(profile)
    base = shared_context(profile, catalogue, facts, specs)
    joined = []
    for spec in specs:
        if spec.late_view is not None:
            continue  # documents about the set need the others; their cost is the same kind
        meta = document_meta(profile, spec, None, facts)
        context = dict(base, **spec.view(profile, catalogue, facts))
        context["doc"] = document_context(meta, spec.key)
        t = time.perf_counter()
        markdown = render_template(templates, spec.template, context)
        times["render templates"] += time.perf_counter() - t
        t = time.perf_counter()
        blocks = parse_markdown(markdown)
        times["Markdown parse"] += time.perf_counter() - t
        t = time.perf_counter()
        write_docx(meta, blocks)
        times["DOCX write"] += time.perf_counter() - t
        joined.append(markdown)
    return times, "\n\n".join(joined)


def ensure_pandoc() -> str | None:
    if shutil.which("pandoc"):
        return shutil.which("pandoc")
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "update", "-q"], stdout=subprocess.DEVNULL, check=False)
        subprocess.run(["apt-get", "install", "-y", "-q", "pandoc"], stdout=subprocess.DEVNULL, check=False)
    return shutil.which("pandoc")


def table_counts(docx: bytes) -> tuple[int, int]:
    """(tables, rows) in a .docx body: what every tool must have produced from the same content."""
    import zipfile
    from io import BytesIO

    body = zipfile.ZipFile(BytesIO(docx)).read("word/document.xml").decode("utf-8")
    return body.count("<w:tbl>"), body.count("<w:tr>") + body.count("<w:tr ")


def for_pandoc(markdown: str) -> str:
    """pandoc reads a `Table:` line directly above a table as part of a paragraph and then
    drops the table: give it a blank line, so that it sees every table sskit sees."""
    return re.sub(r"^((?:Table|表)[:：].*)\n(?=\|)", r"\1\n\n", markdown, flags=re.M)


def compare_with_pandoc(markdown: str, work: Path, pandoc: str | None) -> tuple[float, float | None]:
    """(sskit parse + DOCX write, pandoc md -> docx) on the same Markdown, seconds. Exits when
    the two outputs do not hold the same number of tables and rows (the comparison is void)."""
    from sskit.markup import DocumentMeta, parse_markdown
    from sskit.writers.docx import write_docx

    meta = DocumentMeta("基准", "BENCH-01", "A/0", "示范电器股份有限公司", "示范", "2026-01-01", "2026-01-01",
                        cover=False, toc=False)
    t = time.perf_counter()
    blocks = parse_markdown(markdown)
    ours_docx = write_docx(meta, blocks)
    ours = time.perf_counter() - t
    if not pandoc:
        return ours, None
    tables = [b for b in blocks if type(b).__name__ == "Table"]
    body_rows = sum(len(t.rows) for t in tables)
    # sskit drops the empty header row of a form grid; pandoc always writes one
    expected = {"sskit": (len(tables), body_rows + sum(1 for t in tables if t.header)),
                "pandoc": (len(tables), body_rows + len(tables))}
    source = work / "joined.md"
    source.write_text(for_pandoc(markdown), encoding="utf-8")
    wall, _, code = run_process([pandoc, str(source), "-f", "commonmark+pipe_tables", "-o", str(work / "p.docx")])
    if code != 0:
        sys.exit(f"pandoc failed (exit {code})")
    mine, theirs = table_counts(ours_docx), table_counts((work / "p.docx").read_bytes())
    if mine != expected["sskit"] or theirs != expected["pandoc"]:
        sys.exit(f"not the same content: sskit wrote {mine[0]} tables / {mine[1]} rows, pandoc {theirs[0]} / "
                 f"{theirs[1]}; the Markdown holds {len(tables)} tables with {body_rows} body rows")
    print(f"  same content checked: {len(tables)} tables and {body_rows} body rows in both outputs")
    return ours, wall


def compare_with_docxtpl(rows: int, work: Path) -> tuple[float, float] | None:
    """A second yardstick: docxtpl filling a Word template with a table of `rows` rows,
    against sskit parsing and writing the same table. None when docxtpl is not installed
    (`pip install '.[bench]'`)."""
    try:
        from docx import Document
        from docxtpl import DocxTemplate
    except ImportError:
        return None
    from sskit.markup import DocumentMeta, parse_markdown
    from sskit.writers.docx import write_docx

    data = [{"name": f"示范网点{i}", "address": f"示范市示范路{i}号", "phone": f"0571-8800{i:04d}"} for i in range(rows)]
    template = Document()
    table = template.add_table(rows=3, cols=3)
    table.rows[0].cells[0].text = "{%tr for r in rows %}"
    for cell, field in zip(table.rows[1].cells, ("name", "address", "phone")):
        cell.text = "{{ r.%s }}" % field
    table.rows[2].cells[0].text = "{%tr endfor %}"
    template_path = work / "tpl.docx"
    template.save(template_path)
    t = time.perf_counter()
    filled = DocxTemplate(template_path)
    filled.render({"rows": data})
    filled.save(work / "tpl-out.docx")
    theirs = time.perf_counter() - t
    markdown = "| 网点 | 地址 | 电话 |\n|---|---|---|\n" + "".join(
        f"| {r['name']} | {r['address']} | {r['phone']} |\n" for r in data)
    meta = DocumentMeta("基准", "BENCH-02", "A/0", "示范", "示范", "2026-01-01", "2026-01-01", cover=False, toc=False)
    t = time.perf_counter()
    ours_docx = write_docx(meta, parse_markdown(markdown))
    ours = time.perf_counter() - t
    mine, other = table_counts(ours_docx)[1], table_counts((work / "tpl-out.docx").read_bytes())[1]
    if mine != rows + 1 or other != rows:  # sskit's table has a header row
        sys.exit(f"not the same content: sskit wrote {mine} rows, docxtpl {other}, expected {rows} data rows")
    return ours, theirs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--batch", type=int, default=200, help="S profiles in the batch run (0: skip)")
    parser.add_argument("--rounds", type=int, default=5, help="new-process builds of each size (the median is quoted)")
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    compile_tree(ROOT)  # measured as installed: with bytecode
    sskit = [sys.executable, "-m", "sskit"]
    pandoc = ensure_pandoc()
    work = Path(tempfile.mkdtemp(prefix="sskit-bench-"))
    print(f"machine: {os.cpu_count()} CPUs; pandoc: {pandoc or 'not available'}; work folder {work}")
    full = {}
    try:
        for size in args.sizes:
            profile = work / f"{size}.yaml"
            profile.write_text(dump(build_profile(size)),
                               encoding="utf-8")
            out = work / f"out-{size}"
            run_process([*sskit, "build", str(profile), "-o", str(work / "warm"), "-q"], env)  # warm caches
            walls, agains, rss = [], [], 0
            for _ in range(args.rounds):  # a full build into an empty OUT, then one with nothing changed
                shutil.rmtree(out, ignore_errors=True)
                wall, peak, code = run_process([*sskit, "build", str(profile), "-o", str(out), "-q"], env)
                if code != 0:
                    sys.exit(f"the {size} build failed (exit {code}): nothing to measure")
                walls.append(wall)
                rss = max(rss, peak)
                agains.append(run_process([*sskit, "build", str(profile), "-o", str(out), "-q"], env)[0])
            wall, again = statistics.median(walls), statistics.median(agains)
            full[size] = wall
            depts, outlets, products = SIZES[size]
            print(f"\n{size} ({depts} departments, {outlets} outlets, {products} products)")
            print(f"  full build (new process): median {wall:.2f} s of {args.rounds} "
                  f"({', '.join(f'{w:.2f}' for w in walls)}), peak RSS {rss} MB")
            print(f"  rebuild, nothing changed: median {again:.2f} s ({again / wall:.0%} of a full build; "
                  f"{', '.join(f'{w:.2f}' for w in agains)})")
            times, markdown = stage_times(profile)
            for stage, seconds in times.items():
                print(f"  {stage:<24} {seconds:6.2f} s")
            ours, theirs = compare_with_pandoc(markdown, work, pandoc)
            size_kb = len(markdown.encode()) // 1024
            if theirs:
                print(f"  same Markdown ({size_kb} KB): sskit parse + DOCX write {ours:.2f} s, pandoc {theirs:.2f} s, "
                      f"ratio {ours / theirs:.2f}")
            else:
                print(f"  same Markdown ({size_kb} KB): sskit parse + DOCX write {ours:.2f} s, pandoc unavailable")
        yardstick = compare_with_docxtpl(5000, work)
        if yardstick:
            ours, theirs = yardstick
            print(f"\n5,000-row table: sskit parse + DOCX write {ours:.2f} s, docxtpl {theirs:.2f} s, "
                  f"ratio {ours / theirs:.2f}")
        else:
            print("\ndocxtpl not installed (pip install '.[bench]'): its yardstick is skipped")
        if "M" in full and "L" in full:
            outlet_ratio = SIZES["L"][1] / SIZES["M"][1]
            print(f"\nL/M time ratio {full['L'] / full['M']:.2f} (outlet ratio {outlet_ratio:.0f}, "
                  f"limit {1.2 * outlet_ratio:.1f})")
        if args.batch:
            source = work / "S.yaml"
            if not source.exists():
                source.write_text(dump(build_profile("S")),
                                  encoding="utf-8")
            folder = work / "batch"
            folder.mkdir()
            copies = []
            for i in range(args.batch):
                copy = folder / f"client{i:03d}.yaml"
                shutil.copy(source, copy)
                copies.append(str(copy))
            results = {}
            for jobs in (1, 2):
                shutil.rmtree(work / f"batch-out-{jobs}", ignore_errors=True)
                wall, rss, code = run_process([*sskit, "build", *copies, "-o", str(work / f"batch-out-{jobs}"),
                                               "-q", "--jobs", str(jobs)], env)
                results[jobs] = wall
                print(f"\nbatch of {args.batch} S profiles, --jobs {jobs}: {wall:.1f} s, exit {code}")
            print(f"speed-up with 2 processes: {results[1] / results[2]:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
