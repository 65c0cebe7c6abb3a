"""The malformed-profile corpus in tests/profile/bad/.

Each file is minimal.yaml with one (sometimes two or three) planted errors and
starts with comment lines that state, verified by hand, what must be reported:

    # free description
    # expect: LINE:COL: error: PATH: message     (the file name is prefixed)
    # hint: the hint of the diagnostic above      (optional)
    # xfail: reason                               (a known loader bug)

An `expect:` without LINE:COL is a diagnostic without a location. The set of
headlines must be exactly the expected one: nothing missing, nothing extra.
Files marked `xfail:` state the behaviour we want; they are strict xfails so
that fixing the bug turns them into failures that ask for the marker to go.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sskit.diagnostics import SskitError
from sskit.profile import parse_profile, read_profile
from sskit.profile.yamlsource import MAX_BYTES

ROOT = Path(__file__).resolve().parents[2]
BAD = Path(__file__).resolve().parent / "bad"
FILES = sorted(BAD.glob("*.yaml"))


def read_header(path: Path) -> tuple[list[tuple[str, str | None]], str | None, str]:
    """(expected [(headline without file, hint or None)], xfail reason, description)."""
    expects: list[list] = []
    xfail = None
    desc = ""
    for raw in path.read_bytes().split(b"\n"):
        if not raw.startswith(b"#"):
            break
        line = raw.decode("utf-8").rstrip("\r")
        if line.startswith("# expect: "):
            expects.append([line[len("# expect: "):], None])
        elif line.startswith("# hint: "):
            assert expects and expects[-1][1] is None, f"{path.name}: '# hint:' must follow an '# expect:' line"
            expects[-1][1] = line[len("# hint: "):]
        elif line.startswith("# xfail: "):
            xfail = line[len("# xfail: "):]
        elif not desc:
            desc = line[2:]
    return [(e, h) for e, h in expects], xfail, desc


def headline_for(file: str, expect: str) -> str:
    """'24:13: error: ...' -> 'FILE:24:13: error: ...'; 'error: ...' -> 'FILE: error: ...'."""
    return f"{file}:{expect}" if expect[:1].isdigit() else f"{file}: {expect}"


def _params():
    out = []
    for path in FILES:
        _, xfail, _ = read_header(path)
        marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
        out.append(pytest.param(path, id=path.stem, marks=marks))
    return out


PARAMS = _params()


# --------------------------------------------------------------------------- the corpus itself

def test_corpus_is_large_enough():
    assert len(FILES) >= 35


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_corpus_file_is_well_formed(path: Path):
    expects, _, desc = read_header(path)
    assert desc, f"{path.name}: first line should describe the planted error"
    assert expects, f"{path.name}: no '# expect:' line"
    headlines = [e for e, _ in expects]
    assert len(set(headlines)) == len(headlines), "duplicate expectation"
    for e in headlines:
        assert ": error: " in e or e.startswith("error: "), e


def test_minimal_fixture_is_valid(minimal_text):
    """Every error in the corpus comes from the planted change, not from the base."""
    profile = parse_profile(minimal_text, "minimal.yaml")
    assert profile.company.short_name == "青禾电器"


# --------------------------------------------------------------------------- parse_profile

@pytest.mark.parametrize("path", PARAMS)
def test_parse_profile_reports_exactly_the_expected(path: Path):
    expects, _, _ = read_header(path)
    name = path.name
    with pytest.raises(SskitError) as info:
        parse_profile(path.read_bytes(), name)
    diags = info.value.diagnostics
    got = [d.headline() for d in diags]
    want = {headline_for(name, e) for e, _ in expects}
    assert set(got) == want
    assert len(got) == len(set(got)), "a diagnostic is reported twice"
    assert all(d.file == name for d in diags)
    by_headline = {d.headline(): d for d in diags}
    for e, hint in expects:
        if hint is not None:
            assert by_headline[headline_for(name, e)].hint == hint, e


@pytest.mark.parametrize("path", PARAMS)
def test_read_profile_reports_the_same(path: Path):
    """read_profile(path) names the file by its path and reports the same errors."""
    expects, _, _ = read_header(path)
    with pytest.raises(SskitError) as info:
        read_profile(path)
    got = {d.headline() for d in info.value.diagnostics}
    assert got == {headline_for(str(path), e) for e, _ in expects}


def test_diagnostics_are_sorted_by_position():
    with pytest.raises(SskitError) as info:
        parse_profile((BAD / "multi_errors_model.yaml").read_bytes(), "m.yaml")
    positions = [(d.line, d.col) for d in info.value.diagnostics]
    assert positions == sorted(positions) and len(positions) == 3


# --------------------------------------------------------------------------- the CLI

def _cli_available() -> str:
    """'' when `python -m sskit check` exists, else the reason to skip."""
    if not (ROOT / "sskit" / "__main__.py").exists() or not (ROOT / "sskit" / "cli.py").exists():
        return "sskit/__main__.py or sskit/cli.py not written yet"
    proc = _run_cli("check", "--help")
    if proc.returncode != 0:
        return f"`python -m sskit check --help` failed: {proc.stderr.strip()[-300:]}"
    return ""


def _run_cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([sys.executable, "-m", "sskit", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)


@pytest.fixture(scope="module")
def cli():
    reason = _cli_available()
    if reason:
        pytest.skip(reason)
    return _run_cli


@pytest.fixture(scope="module")
def cli_all_text(cli):
    """One `sskit check` over the whole corpus (one process, not one per file)."""
    return cli("check", *map(str, FILES))


@pytest.fixture(scope="module")
def cli_all_json(cli):
    proc = cli("check", "--format", "json", *map(str, FILES))
    return proc.returncode, json.loads(proc.stdout)


def test_cli_exits_1_on_the_corpus(cli_all_text):
    assert cli_all_text.returncode == 1, cli_all_text.stderr[-2000:]
    # per-file validity is checked by test_cli_prints_the_expected_diagnostics (xfail files included)
    assert f" of {len(FILES)} profile(s) invalid, " in cli_all_text.stderr
    assert "Traceback" not in cli_all_text.stderr


@pytest.mark.parametrize("path", PARAMS)
def test_cli_prints_the_expected_diagnostics(path: Path, cli_all_text, cli_all_json):
    expects, _, _ = read_header(path)
    lines = cli_all_text.stderr.splitlines()
    for e, hint in expects:
        headline = headline_for(str(path), e)
        assert headline in lines, headline
        if hint is not None:
            assert lines[lines.index(headline) + 1] == f"  hint: {hint}"
    code, report = cli_all_json
    assert code == 1
    entry = next(p for p in report["profiles"] if p["file"] == str(path))
    assert entry["valid"] is False
    got = set()
    for d in entry["diagnostics"]:
        where = f"{d['line']}:{d['column']}: " if d["line"] else ""
        body = f"{d['path']}: {d['message']}" if d["path"] else d["message"]
        got.add(f"{where}{d['severity']}: {body}")
    assert got == {e for e, _ in expects}


@pytest.mark.parametrize("name", ["syntax_tab_indent", "empty", "gbk_encoding", "alias_bomb", "unknown_parent"])
def test_cli_exits_1_for_a_single_bad_file(cli, name):
    path = BAD / f"{name}.yaml"
    proc = cli("check", str(path))
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"{path}:")
    assert "Traceback" not in proc.stderr


def test_cli_exits_0_for_the_minimal_profile(cli):
    proc = cli("check", str(ROOT / "tests" / "fixtures" / "minimal.yaml"))
    assert proc.returncode == 0, proc.stderr


# --------------------------------------------------------------------------- size and encoding

FIFTY_MB = 50 * 1024 * 1024


def _refused_quickly(call) -> SskitError:
    start = time.perf_counter()
    with pytest.raises(SskitError) as info:
        call()
    assert time.perf_counter() - start < 5, "a huge file must be refused before parsing"
    return info.value


@pytest.mark.parametrize("shape", ["comment", "list"])
def test_read_profile_refuses_a_50mb_file(tmp_path, shape):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as fh:
        if shape == "comment":  # one 50 MB comment line
            fh.write(b"# " + b"x" * (FIFTY_MB - 3) + b"\n")
        else:  # one big list
            fh.write(b"- x\n" * (FIFTY_MB // 4))
    size = path.stat().st_size
    assert size == FIFTY_MB - (0 if shape == "comment" else FIFTY_MB % 4)
    err = _refused_quickly(lambda: read_profile(path))
    [d] = err.diagnostics
    assert d.headline() == f"{path}: error: file is {size:,} bytes; profiles are limited to {MAX_BYTES:,}"
    assert d.hint


def test_parse_profile_refuses_50mb_of_bytes_or_text():
    data = b"- x\n" * (FIFTY_MB // 4)
    [d] = _refused_quickly(lambda: parse_profile(data, "big.yaml")).diagnostics
    assert d.headline() == f"big.yaml: error: file is {len(data):,} bytes; profiles are limited to {MAX_BYTES:,}"
    [d] = _refused_quickly(lambda: parse_profile(data.decode(), "big.yaml")).diagnostics
    assert d.headline() == f"big.yaml: error: text is longer than {MAX_BYTES:,} characters"


@pytest.mark.parametrize("body, reason, at, where", [
    # GBK 浙江 after 'company:\n  name: ' (9 + 8 bytes): 0xD5 is a UTF-8 lead byte, 0xE3 no continuation
    (b"company:\n  name: \xd5\xe3\xbd\xad\n", "invalid continuation byte", 17, ":2:9"),
    # a lone Latin-1 byte at the very start
    (b"\xe9t\xe9: 1\n", "invalid continuation byte", 0, ":1:1"),
    # a UTF-8 continuation byte with no lead byte
    (b"a: \x80\n", "invalid start byte", 3, ":1:4"),
])
def test_non_utf8_file_gives_one_clean_error(tmp_path, body, reason, at, where):
    path = tmp_path / "gbk.yaml"
    path.write_bytes(body)
    with pytest.raises(SskitError) as info:
        read_profile(path)
    [d] = info.value.diagnostics
    assert d.headline() == f"{path}{where}: error: not UTF-8 text ({reason} at byte {at})"
    assert d.hint == "save the profile as UTF-8 (GBK files must be converted)"


def test_utf8_bom_is_accepted(minimal_text):
    profile = parse_profile(b"\xef\xbb\xbf" + minimal_text.encode("utf-8"), "bom.yaml")
    assert profile.company.name == "杭州青禾电器有限公司"


def test_read_profile_missing_file_and_directory(tmp_path):
    with pytest.raises(SskitError) as info:
        read_profile(tmp_path / "nope.yaml")
    [d] = info.value.diagnostics
    assert d.file == str(tmp_path / "nope.yaml") and d.line == 0 and "cannot read the profile" in d.message
    with pytest.raises(SskitError) as info:
        read_profile(tmp_path)
    [d] = info.value.diagnostics
    assert d.message == "is a directory, not a profile file"


def test_a_device_or_pipe_is_refused_without_reading_it(tmp_path):
    """Issue 20: /dev/zero as a profile must not read forever."""
    import os

    from sskit.diagnostics import SskitError
    from sskit.profile import read_profile_with_source

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for path in (Path("/dev/zero"), fifo):
        with pytest.raises(SskitError) as err:
            read_profile_with_source(path)
        assert [d.headline() for d in err.value.diagnostics] == [f"{path}: error: is not a regular file"]


def test_a_control_character_is_reported_where_it_is():
    """Issue 20: the reader's position for text input was off; line and column are the character's."""
    from sskit.diagnostics import SskitError
    from sskit.profile import parse_profile_with_source

    lines = (Path(__file__).resolve().parents[1] / "fixtures" / "minimal.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[6] == "  industry: 家用电器制造"
    lines[6] += " \x07"
    with pytest.raises(SskitError) as err:
        parse_profile_with_source("\n".join(lines) + "\n", "p.yaml")
    assert [d.headline() for d in err.value.diagnostics] == ["p.yaml:7:20: error: control character 7 is not allowed in YAML"]
