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

import os
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from sskit import __version__
from sskit.diagnostics import Diagnostic, ExitCode, SskitError
from sskit.markup import escape_markdown
from sskit.paths import builtin_template_dir
from sskit.phrasing import date_text, format_number, hours_text


class MdSafe(str):
    """Markdown produced on purpose by a template, not by a profile value."""


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
    return jinja2.FileSystemBytecodeCache(folder, pattern=f"sskit-{__version__}-%s.cache")


def _finalize(value):
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
                source = fh.read().decode(self.encoding)
            mtime = os.path.getmtime(real)
            return source, os.path.normpath(filename), lambda: os.path.isfile(real) and os.path.getmtime(real) == mtime
        raise jinja2.TemplateNotFound(template)


@dataclass
class TemplateSet:
    """Where templates come from: user override folders, then built-ins."""

    overrides: tuple[Path, ...] = ()
    builtin: Path = field(default_factory=builtin_template_dir)
    _env: jinja2.Environment | None = field(default=None, repr=False)

    @property
    def env(self) -> jinja2.Environment:
        if self._env is None:
            builtin = ConfinedLoader(str(self.builtin))
            loaders = [jinja2.PrefixLoader({"builtin": builtin})]
            loaders += [ConfinedLoader(str(p)) for p in self.overrides]
            loaders.append(builtin)
            env = SandboxedEnvironment(
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
                               hours=hours_text)
            self._env = env
        return self._env


def render_template(templates: TemplateSet, name: str, context: dict) -> str:
    """Render one template to Markdown; template errors become SskitError (exit 3)."""
    try:
        return templates.env.get_template(name).render(context)
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
        raise _template_error(name, 0, f"template not found: {exc.name}",
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

