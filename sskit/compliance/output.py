"""`sskit check` output: compiler-style text and the documented JSON schema.

JSON schema `sskit-check/1`:
{
  "schema": "sskit-check/1",
  "strict": bool,
  "profiles": [{
      "file": str, "valid": bool (schema validation passed), "passed": bool (no failing finding),
      "diagnostics": [Diagnostic],            # validation errors (empty when valid)
      "findings": [Diagnostic + rule, clause],  # readiness findings, errors first
      "clauses": {"total": int, "covered": int} | null,
      "counts": {"error": int, "warning": int, "info": int}
  }],
  "summary": {"profiles": int, "invalid": int, "failed": int, "errors": int, "warnings": int}
}
A Diagnostic is {"file", "line", "column", "severity", "path", "message", "hint"}.
"""
from __future__ import annotations

import json

SEVERITIES = ("error", "warning", "info")


def text_report(results, strict: bool = False) -> str:
    lines = []
    for path, diags, result in results:
        if diags:
            lines += [d.format() for d in diags]
            n = sum(d.severity == "error" for d in diags)  # warnings (a workbook's, a dropped character) beside them
            lines.append(f"{path}: invalid profile, {n} error{'s' if n != 1 else ''}")
            continue
        lines += [f.format() for f in result.findings]
        lines.append(f"{path}: {result.summary()}")
    invalid = [diags for _, diags, _ in results if diags]
    if invalid:
        errors = sum(x.severity == "error" for d in invalid for x in d)
        lines.append(f"{len(invalid)} of {len(results)} profile(s) invalid, {errors} error(s)")
    failed = sum(1 for _, _, r in results if r and r.failed(strict))
    if failed:
        lines.append(f"{failed} of {len(results)} profile(s) failed the readiness check")
    return "\n".join(lines) + "\n"


def json_report(results, strict: bool) -> str:
    profiles = []
    for path, diags, result in results:
        counts = {s: (result.count(s) if result else 0) for s in SEVERITIES}
        counts["error"] += len(diags)
        profiles.append({
            "file": str(path),
            "valid": not diags,
            "passed": not diags and not result.failed(strict),
            "diagnostics": [d.to_json() for d in diags],
            "findings": [f.to_json() for f in result.findings] if result else [],
            "clauses": {"total": result.clauses_total, "covered": result.clauses_covered,
                        "not_applicable": list(result.not_applicable)} if result else None,
            "counts": counts,
        })
    summary = {
        "profiles": len(profiles),
        "invalid": sum(1 for p in profiles if not p["valid"]),
        "failed": sum(1 for p in profiles if not p["passed"]),
        "errors": sum(p["counts"]["error"] for p in profiles),
        "warnings": sum(p["counts"]["warning"] for p in profiles),
    }
    return json.dumps({"schema": "sskit-check/1", "strict": strict, "profiles": profiles, "summary": summary},
                      ensure_ascii=False, indent=2)
