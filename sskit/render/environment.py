"""Stage 3: Jinja2 (sandboxed, StrictUndefined) Markdown templates -> text.

Every `{{ value }}` passes through `_finalize`, which escapes it as Markdown:
profile values are data, never markup. A template that really means to emit
Markdown from an expression marks it with the `raw` filter.

Template lookup: user folders first (shadowing built-ins by relative path),
then the built-in templates. `builtin/...` always names the built-in file, so
an override can `{% extends "builtin/manuals/manual.md.j2" %}` and replace a
single block.
"""
from __future__ import annotations

import dataclasses
import json
import os
import re
import signal
import threading
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import jinja2
import jinja2.meta
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from sskit import __version__
from sskit.diagnostics import Diagnostic, ExitCode, SskitError
from sskit.markup import escape_markdown
from sskit.paths import builtin_template_dir
from sskit.phrasing import date_text, format_number, hours_text


class MdSafe(str):
    """Markdown produced on purpose by a template, not by a profile value."""


class _TolerantCache(jinja2.FileSystemBytecodeCache):
    """A damaged cache entry (truncated, overwritten) is ignored and compiled afresh."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # marshal's EOFError/ValueError/TypeError on garbage, OSError on a bad file
            bucket.reset()
        if bucket.code is not None and not isinstance(bucket.code, types.CodeType):
            bucket.reset()  # it unmarshalled, but into something that is not compiled code


def _bytecode_cache():
    """Compiled templates are cached per user (compiling is most of a small
    build's time). The cache only speeds up; output never depends on it.
    SSKIT_CACHE_DIR=off disables it."""
    folder = os.environ.get("SSKIT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "sskit", "jinja")
    if folder == "off":
        return None
    try:
        os.makedirs(folder, exist_ok=True)
        probe = os.path.join(folder, ".writable")
        with open(probe, "w", encoding="ascii") as fh:
            fh.write("ok")
    except OSError:
        return None
    return _TolerantCache(folder, pattern=f"sskit-{__version__}-sandbox2-%s.cache")  # templates compiled under the current sandbox


def _finalize(value):
    if type(value) is str:  # the common case first (MdSafe is a subclass: not caught here)
        return escape_markdown(value)
    if isinstance(value, MdSafe):
        return value
    if value is None:
        raise jinja2.TemplateRuntimeError("a value is empty (None); guard optional fields with {% if %}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value)
    return escape_markdown(str(value))


def _md(value) -> MdSafe:
    return value if isinstance(value, MdSafe) else MdSafe(_finalize(value))


def _raw(value) -> MdSafe:
    return MdSafe(value)


def _cn_join(values, sep: str = "、") -> MdSafe:
    return MdSafe(sep.join(_md(v) for v in values))


def _drawing(chart) -> MdSafe:
    """`{{ chart | drawing }}`: a drawing's data (a plain dict from the view, fields as in
    sskit.markup.ir.Drawing) as a fenced ```drawing block of JSON, read back by the parser."""
    if dataclasses.is_dataclass(chart) and not isinstance(chart, type):
        chart = dataclasses.asdict(chart)
    body = json.dumps(chart, ensure_ascii=False, sort_keys=True, indent=1)
    fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", body)), default=0) + 1)
    return MdSafe(f"{fence}drawing\n{body}\n{fence}")


# Bounds on what one template may cost, so that a hostile or broken user template ends with exit 3
# at its line instead of running forever: a time budget per document (SSKIT_RENDER_SECONDS
# overrides it), a cap on the Markdown one document produces, and no huge powers or repetitions.
RENDER_SECONDS = 60.0
MAX_OUTPUT_CHARS = 64 * 1024 * 1024
MAX_POWER_BITS = 100_000
MAX_REPEAT = 10_000_000


class RenderBudgetExceeded(jinja2.TemplateError):
    pass


_reading: list[set] = []  # the names the template being rendered has looked up (innermost last)


class _RecordingContext(jinja2.runtime.Context):
    """A context that notes every name a template looks up in it. Jinja looks each name a
    scope uses up once, as the scope starts, whether or not a branch then uses it, so the
    names noted are all those the document's text can depend on (its own, its includes' and
    its macros')."""

    def resolve_or_missing(self, key: str):
        if _reading:
            _reading[-1].add(key)
        return super().resolve_or_missing(key)


class _Sandbox(SandboxedEnvironment):
    intercepted_binops = frozenset(["**", "*"])
    context_class = _RecordingContext

    def call_binop(self, context, operator, left, right):
        if operator == "**" and _huge_power(left, right):
            raise SecurityError(f"{left!r} ** {right!r} is too large a number for a document")
        if operator == "*" and _huge_repeat(left, right):
            raise SecurityError("repeating a text or list that many times makes too large a document")
        return super().call_binop(context, operator, left, right)


def _huge_power(base, exponent) -> bool:
    if not isinstance(base, (int, float)) or not isinstance(exponent, (int, float)):
        return False
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0:
        return max(base.bit_length(), 1) * exponent > MAX_POWER_BITS
    return abs(exponent) > 1024


def _huge_repeat(left, right) -> bool:
    for seq, n in ((left, right), (right, left)):
        if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and not isinstance(n, bool):
            return len(seq) * n > MAX_REPEAT
    return False


class TemplateOutsideFolder(jinja2.TemplateError):
    """A template whose real path (symlinks resolved) lies outside its template folder. Not a
    TemplateNotFound: the next folder must not quietly stand in for a refused file."""

    def __init__(self, name: str, link: str, real: str):
        super().__init__(f"{name} resolves to {real}")
        self.name, self.link, self.real = name, link, real


class ConfinedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that serves only files whose real path lies inside its folder: a
    symlink in a template folder (templates/root -> /, fees.md.j2 -> /etc/passwd) cannot put
    other files of the machine into a document. Only regular files are read."""

    def get_source(self, environment, template):
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            filename = os.path.join(folder, *pieces)
            if not os.path.isfile(filename):
                continue
            real, root = os.path.realpath(filename), os.path.realpath(folder)
            if os.path.commonpath([real, root]) != root:
                raise TemplateOutsideFolder(template, os.path.normpath(filename), real)
            with open(real, "rb") as fh:
                data = fh.read()
            try:
                source = data.decode(self.encoding)
            except UnicodeDecodeError as exc:  # located like a syntax error: the line of the bad byte
                raise jinja2.TemplateSyntaxError(f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                                                 data[:exc.start].count(b"\n") + 1, template,
                                                 os.path.normpath(filename)) from None
            mtime = os.path.getmtime(real)
            return source, os.path.normpath(filename), lambda: os.path.isfile(real) and os.path.getmtime(real) == mtime
        raise jinja2.TemplateNotFound(template)


@dataclass
class TemplateSet:
    """Where templates come from: user override folders, then built-ins."""

    overrides: tuple[Path, ...] = ()
    builtin: Path = field(default_factory=builtin_template_dir)
    _env: jinja2.Environment | None = field(default=None, repr=False)
    _reads_version: dict = field(default_factory=dict, repr=False)  # template name -> reads_version

    @property
    def env(self) -> jinja2.Environment:
        if self._env is None:
            builtin = ConfinedLoader(str(self.builtin))
            loaders = [jinja2.PrefixLoader({"builtin": builtin})]
            loaders += [ConfinedLoader(str(p)) for p in self.overrides]
            loaders.append(builtin)
            env = _Sandbox(
                loader=jinja2.ChoiceLoader(loaders),
                bytecode_cache=_bytecode_cache(),
                undefined=jinja2.StrictUndefined,
                finalize=_finalize,
                trim_blocks=True,
                lstrip_blocks=True,
                keep_trailing_newline=True,
                autoescape=False,
            )
            env.filters.update(md=_md, raw=_raw, num=format_number, date_cn=date_text, cn_join=_cn_join,
                               hours=hours_text, drawing=_drawing)
            self._env = env
        return self._env

    def reads_version(self, name: str) -> bool:
        """Whether the template, or any template it includes, imports or extends, may print the
        document's version or dates: it uses `doc` in any way other than `doc.title`,
        `doc.number` or `doc.key` (`doc.version`, `doc.effective_date`, `{{ doc }}`, `doc.items()`,
        `{% set d = doc %}` …), or names a template only at render time. A template that cannot
        needs no second rendering once the build has decided the new version: its text is the same."""
        if name not in self._reads_version:
            self._reads_version[name] = self._reads_state(name, set())
        return self._reads_version[name]

    def _reads_state(self, name: str, seen: set) -> bool:
        if name in seen:
            return False
        seen.add(name)
        try:
            source = self.env.loader.get_source(self.env, name)[0]
            referenced = list(jinja2.meta.find_referenced_templates(self.env.parse(source)))
        except jinja2.TemplateError:
            return True  # let the real rendering report it
        if _STATEFUL_DOC.search(source) or None in referenced:
            return True
        return any(self._reads_state(other, seen) for other in referenced)


# the name `doc` (not `docs`, not "doc-change" in a string) not followed by .title, .number or .key
_STATEFUL_DOC = re.compile(r"(?<![\w.\-\"'/])doc(?![\w\-\"'])(?!\s*\.\s*(?:title|number|key)\b)")


def _budget() -> float:
    try:
        return float(os.environ.get("SSKIT_RENDER_SECONDS", RENDER_SECONDS))
    except ValueError:
        return RENDER_SECONDS


def _render(template: jinja2.Template, context: dict) -> str:
    """template.render, within the time budget (main thread: SIGALRM) and the size cap."""
    def out_of_time(signum, frame):
        raise RenderBudgetExceeded(f"took longer than {_budget():g} s")

    timed = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if timed:
        previous = signal.signal(signal.SIGALRM, out_of_time)
        signal.setitimer(signal.ITIMER_REAL, _budget())
    try:
        parts, size = [], 0
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise RenderBudgetExceeded(f"produced more than {MAX_OUTPUT_CHARS:,} characters of text")
            parts.append(chunk)
        return "".join(parts)
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def render_template(templates: TemplateSet, name: str, context: dict, reads: Optional[set] = None) -> str:
    """Render one template to Markdown; template errors become SskitError (exit 3). `reads`
    receives the names of `context` the template looked up."""
    _reading.append(reads if reads is not None else set())
    try:
        return _render(templates.env.get_template(name), context)
    except RenderBudgetExceeded as exc:
        file, line = _template_frame(exc, name)
        raise _template_error(file, line, f"the template {exc.message}; stopped",
                              "look for loops over large ranges or nested loops in this template") from None
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise _template_error(where, exc.lineno or 0, f"syntax error: {exc.message}",
                              "check the {% %} / {{ }} pairs on this line") from None
    except TemplateOutsideFolder as exc:
        file, line = _template_frame(exc, exc.link)
        raise _template_error(file, line, f"template '{exc.name}' resolves to {exc.real}, outside its template "
                                          "folder; refused",
                              "replace the symbolic link by the template file itself") from None
    except jinja2.TemplateNotFound as exc:
        file, line = _template_frame(exc, name)  # the {% include %} / {% extends %} that named it
        raise _template_error(file, line, f"template not found: {exc.name}",
                              f"built-in templates live in {templates.builtin}") from None
    except jinja2.UndefinedError as exc:
        file, line = _template_frame(exc, name)
        raise _template_error(file, line, f"undefined value: {exc.message}",
                              "the view data has no such field; see the document's view function") from None
    except jinja2.exceptions.SecurityError as exc:
        file, line = _template_frame(exc, name)
        raise _template_error(file, line, f"not allowed in a template: {exc}", "templates run sandboxed") from None
    except Exception as exc:  # any other template runtime failure, never a traceback
        file, line = _template_frame(exc, name)
        raise _template_error(file, line, f"{type(exc).__name__}: {exc}", "") from None
    finally:
        _reading.pop()


def _template_error(file: str, line: int, message: str, hint: str) -> SskitError:
    return SskitError([Diagnostic(file, line, 0, message, hint=hint)], ExitCode.RENDER)


def _template_frame(exc: BaseException, fallback: str) -> tuple[str, int]:
    """The innermost traceback frame that belongs to a template file."""
    tb = exc.__traceback__
    found = (fallback, 0)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found

