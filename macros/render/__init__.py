"""The render stage: typed rows in, HTML out, through Jinja templates and one escaping path.

Public API: `render(template, **context)` and `Links`. The macro functions live in `tables`,
`figures`, `charts` and `tools`; each takes the Dataset and the page's Links.
"""

from macros.render.environment import render
from macros.render.links import Links

__all__ = ["Links", "render"]
