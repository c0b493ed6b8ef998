"""mkdocs-macros entry point. Registers thin macros and nothing else: the work lives in the modules.

Engine-neutral on purpose: only define_env with env.macro and env.variables, so a move to
another engine that runs define_env macros stays cheap.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from macros import export, render, render_changes, render_chart
from macros.loader import DataError
from macros.validate import load_dataset

try:  # MkDocs prints this exception's message alone, without a traceback, and stops the build.
    from mkdocs.exceptions import PluginError as BuildError
except ImportError:  # pragma: no cover - another engine running define_env
    BuildError = RuntimeError  # type: ignore[misc,assignment]

_TABLES = {
    "price_table": render.price_table,
    "cost_table": render.cost_table,
    "cost_matrix": render.cost_matrix,
    "scale_table": render.scale_table,
    "scenario_table": render.scenario_table,
    "latency_table": render.latency_table,
    "wait_table": render.wait_table,
    "network_table": render.network_table,
    "price": render.inline_price,
    "cost": render.inline_cost,
    "cost_ratio": render.inline_ratio,
    "observation": render.inline_observation,
    "wait": render.inline_wait,
    "cost_speed_chart": render_chart.cost_speed_chart,
    "tool": render_chart.tool,
    "price_changes": render_changes.price_changes,
}


def define_env(env: Any) -> None:
    """Load the dataset once (a data error stops the build here) and register the macros."""
    root = Path(env.conf["config_file_path"]).parent
    try:
        dataset = load_dataset(root / "data")
    except DataError as exc:
        raise BuildError(f"{len(exc.problems)} problem(s) in data/, so no site was written:\n{exc}") from None

    def links() -> render.Links:
        return render.Links(env.page.url if env.page is not None else "")

    def bind(function: Any) -> Any:
        def macro(*args: Any, **kwargs: Any) -> str:
            return function(dataset, links(), *args, **kwargs)
        macro.__name__ = function.__name__
        macro.__doc__ = function.__doc__
        return macro

    for name, function in _TABLES.items():
        env.macro(bind(function), name)
    env.macro(partial(render.tokens, dataset), "tokens")

    def data_exports() -> str:
        """Write the exports into the site being built and list them."""
        files = export.write_exports(dataset, Path(env.conf["site_dir"]))
        return render.exports_table(dataset, links(), files)

    env.macro(data_exports)
    env.variables["as_of"] = dataset.as_of.isoformat()
    env.variables["oldest_check"] = dataset.oldest_check.isoformat()
    env.variables["model_count"] = len(dataset.listings)
    env.variables["provider_count"] = len(dataset.providers)
    env.variables["scenario_count"] = len(dataset.scenarios)
    env.variables["observation_count"] = len(dataset.observations)

