"""Stage 3: view data + Jinja2 templates -> Markdown text."""
from sskit.render.environment import TemplateSet, render_template

__all__ = ["TemplateSet", "render_template"]
