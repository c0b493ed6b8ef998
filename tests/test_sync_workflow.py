"""The weekly sync workflow: its script runs on the fixtures as it runs in CI (download and pull request skipped),
and the workflow can write only where it must, never for a fork."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from sync_fixtures import FIXTURES

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "sync.yml"


def test_the_script_writes_agreed_prices_and_the_report_on_the_fixtures(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copy(FIXTURES / "upstream.yaml", data / "upstream.yaml")
    env = {**os.environ, "PYTHON": sys.executable, "WORK": str(tmp_path / "work")}
    result = subprocess.run(["bash", ".github/sync.sh", "--offline", "--no-pr", "--data", str(data)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    report = (tmp_path / "work" / "report.md").read_text(encoding="utf-8")
    assert "**Written** to `data/providers/cohere.yaml`, `data/providers/mistral.yaml`" in report
    assert "input_mtok: 0.20" in (data / "providers" / "cohere.yaml").read_text(encoding="utf-8")


def test_only_the_sync_job_writes_and_never_for_a_fork() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"schedule", "workflow_dispatch"}, "no pull_request trigger: a fork's code never runs here"
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert job["if"] == "github.event.repository.fork == false"
    for step in job["steps"]:
        if "uses" in step:
            assert len(step["uses"].split("@")[1]) == 40, f"{step['uses']} is not pinned by commit"
            assert step.get("with", {}).get("persist-credentials") is False or "checkout" not in step["uses"]
