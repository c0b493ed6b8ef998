"""A name from a calculator link follows data/'s rule for names: one shared list of cases, decided the same way by
Python (macros/data/types.py, Name) and by the calculator's script (ifgNameAllowed), which runs here under Node."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from macros.data.types import Name

ROOT = Path(__file__).resolve().parent.parent
CASES = json.loads((ROOT / "tests" / "fixtures" / "name_cases.json").read_text(encoding="utf-8"))["cases"]
SCRIPT = ROOT / "docs" / "assets" / "javascripts" / "calculator.js"

# Runs the page's script in a context without a calculator on it (so it stops before touching the page), then
# asks its name rule about each case.
NODE = """
const vm = require("vm"), fs = require("fs");
const [script, cases] = [process.argv[1], JSON.parse(fs.readFileSync(0, "utf8"))];
const context = vm.createContext({ document: { querySelector: () => null } });
vm.runInContext(fs.readFileSync(script, "utf8"), context);
context.cases = cases;
process.stdout.write(JSON.stringify(vm.runInContext("cases.map((c) => ifgNameAllowed(c))", context)));
"""


def python_allows(name: str) -> bool:
    try:
        TypeAdapter(Name).validate_python(name)
    except ValidationError:
        return False
    return True


def test_the_cases_cover_bidi_zero_width_and_control_characters() -> None:
    refused = "".join(case["name"] for case in CASES if not case["allowed"])
    for char in "\u202e\u2066\u200e\u061c\u200b\u200c\u200d\u2060\ufeff\x00\t\n\x1b\x7f\x85\x9b\u2028":
        assert char in refused


@pytest.mark.parametrize("case", CASES, ids=[case["what"] for case in CASES])
def test_data_decides_each_name_as_the_list_says(case: dict[str, object]) -> None:
    assert python_allows(str(case["name"])) is case["allowed"]


@pytest.mark.skipif(shutil.which("node") is None, reason="Node is not installed; the browser tests cover the script")
def test_the_calculator_decides_each_name_as_data_does() -> None:
    result = subprocess.run(["node", "-e", NODE, str(SCRIPT)], input=json.dumps([c["name"] for c in CASES]),
                            capture_output=True, text=True, encoding="utf-8", check=True, timeout=60)
    decided = json.loads(result.stdout)
    wrong = [(case["what"], case["allowed"], got) for case, got in zip(CASES, decided, strict=True)
             if got is not case["allowed"]]
    assert not wrong
