"""A manifest edited by hand or damaged is an output error naming the field, never a
traceback and never a half-written OUT (issue 20 item 6)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sskit.diagnostics import ExitCode, SskitError
from sskit.output.manifest import parse_manifest
from sskit.regen.versions import VersionExhausted, bump

SHA = "0" * 64
GOOD = {
    "schema": "sskit-manifest/1", "generator": "sskit 0.1.0", "company": "示范电器有限公司", "base_version": "A/0",
    "inputs_sha256": SHA, "profile": {},
    "documents": [{"key": "manual", "number": "SF/SS-SC-01", "title": "售后服务手册", "version": "A/1",
                   "effective_date": "2026-03-01", "content_sha256": SHA,
                   "files": {"02-SF-SS-SC-01-售后服务手册.docx": SHA},
                   "revisions": [{"version": "A/0", "date": "2026-01-01", "summary": "首次发布", "author": "孙伟"}]}],
}


def _error(data) -> str:
    with pytest.raises(SskitError) as err:
        parse_manifest(json.dumps(data, ensure_ascii=False).encode("utf-8"), "OUT/sskit-manifest.json")
    assert err.value.exit_code == ExitCode.OUTPUT
    (diagnostic,) = err.value.diagnostics
    return diagnostic.message


def _with(path, value):
    data = json.loads(json.dumps(GOOD))
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data


def test_a_valid_manifest_reads_back():
    manifest = parse_manifest(json.dumps(GOOD, ensure_ascii=False).encode("utf-8"), "m")
    assert manifest.documents["manual"].version == "A/1"
    assert manifest.file_hashes() == {"02-SF-SS-SC-01-售后服务手册.docx": SHA}


@pytest.mark.parametrize("path, value, message", [
    (("documents", 0, "version"), "A/x", 'documents[0].version: "A/x" is not of the documented form'),
    (("documents", 0, "version"), "", 'documents[0].version: "" is not of the documented form'),
    (("documents", 0, "effective_date"), "2026-02-30", "documents[0].effective_date: Value error, day is out of range"),
    (("documents", 0, "effective_date"), "yesterday", 'documents[0].effective_date: "yesterday" is not of the documented'),
    (("documents", 0, "files"), {"../evil.docx": SHA}, 'documents[0].files key ["../evil.docx"]: "../evil.docx" is not'),
    (("documents", 0, "content_sha256"), 5, "documents[0].content_sha256: Input should be a valid string"),
    (("base_version",), "Z/99999", 'base_version: "Z/99999" is not of the documented form'),
    (("documents",), {"manual": 1}, "documents: Input should be a valid list"),
])
def test_a_damaged_field_is_named(path, value, message):
    got = _error(_with(path, value))
    assert got.startswith(f"corrupted manifest: {message}"), got
    assert got.endswith("nothing was written")


def test_a_document_listed_twice_is_refused():
    data = json.loads(json.dumps(GOOD))
    data["documents"].append(data["documents"][0])
    assert _error(data) == "corrupted manifest: document 'manual' is listed twice; nothing was written"


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                     max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["schema", "generator", "company", "base_version", "inputs_sha256", "profile", "documents",
                        "key", "number", "title", "version", "effective_date", "content_sha256", "files",
                        "revisions"]), _json)
def test_random_shapes_and_values_never_raise_anything_but_an_output_error(field, value):
    data = json.loads(json.dumps(GOOD))
    target = data if field in data else data["documents"][0]
    target[field] = value
    try:
        parse_manifest(json.dumps(data).encode("utf-8"), "m")
    except SskitError as err:
        assert err.exit_code == ExitCode.OUTPUT
        assert err.diagnostics[0].message.startswith("corrupted manifest: ")


def test_the_last_version_has_no_next_one():
    assert bump("A/9") == "B/0" and bump("Y/3", major=True) == "Z/0"
    with pytest.raises(VersionExhausted):
        bump("Z/9")


def _current(**changes) -> dict:
    data = json.loads(json.dumps(GOOD))
    data.update(schema="sskit-manifest/2", withdrawn=[], support={"sskit-content.json.gz": "1" * 64})
    del data["profile"]
    data.update(changes)
    return data


def test_the_no_change_check_reads_the_keys_and_files_of_a_manifest():
    from sskit.output.manifest import standing_files

    standing = standing_files(_current())
    assert standing.documents == ("manual",)
    assert standing.files == {"02-SF-SS-SC-01-售后服务手册.docx": SHA, "sskit-content.json.gz": "1" * 64}
    # what the full reader accepts, it reads the same
    assert parse_manifest(json.dumps(_current()).encode("utf-8"), "m").file_hashes() == standing.files


@pytest.mark.parametrize("changes", [
    {"schema": "sskit-manifest/1"},  # an old manifest: read in full
    {"support": {"../outside.txt": SHA}},  # never hashes a file outside OUT
    {"support": {"修订对照/../../x": SHA}},
    {"documents": [{"key": "manual", "files": {"a.docx": "not a digest"}}]},
    {"documents": [{"files": {"a.docx": SHA}}]},
    {"documents": {"manual": {}}},
    {"withdrawn": [{"key": "x", "files": ["a.docx"]}]},
])
def test_the_no_change_check_leaves_a_manifest_it_cannot_vouch_for_to_the_full_reader(changes):
    from sskit.output.manifest import standing_files

    assert standing_files(_current(**changes)) is None
