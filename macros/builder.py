"""Build the site with any of the engines that read mkdocs.yml, and replace the old site only on success.

An engine empties its output folder first, so a build that fails or is interrupted half-way would
leave no site, or half of one. Here the engine writes into a fresh folder inside the project (Zensical
accepts no output folder outside it), chosen through IFG_SITE_DIR, which mkdocs.yml reads; only when
the engine succeeds does that folder take the place of the old site.

A build stopped by a signal keeps the previous site too, and leaves no folder behind: the command line turns
SIGTERM into an exit that runs the clean-up below (as Ctrl-C's KeyboardInterrupt does), and each build first sweeps
away the folders of builds that were killed outright (SIGKILL, a power cut), which nothing can clean up on the way
out. Each folder's name carries its build's process id, so a sweep never takes the folder of a build still running.

The data is checked here while the engine runs, so bad data stops every engine the same way: the engine is
stopped, and the build says `path:line: field: what is wrong (got X)` without the engine's traceback (Zensical
prints one for any error raised while it renders a page, define_env's included).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import IO

from macros import collector, copies, export, handoff, site
from macros.copies.pages import front_matter
from macros.data import DataError, Problem, load_dataset
from macros.data.dataset import Dataset
from macros.data.types import link_problem
from macros.formatting import counted

ENGINES: dict[str, list[str]] = {
    "mkdocs": [sys.executable, "-m", "mkdocs", "build", "--strict"],
    "properdocs": [sys.executable, "-m", "properdocs", "build", "--strict"],
    "zensical": [sys.executable, "-m", "zensical", "build", "--strict"],
}
"""Each engine's build command. MkDocs 1.6 with Material is the reference; the others must match its pages."""
SITE_DIR_VARIABLE = "IFG_SITE_DIR"
BUILD_PREFIX = ".site-build-"
"""A build's fresh site, in the project: .site-build-<process id>-<random>."""
OLD_PREFIX = ".site-old-"
"""The previous site while the fresh one takes its place, beside it: .site-old-<process id>-<random>."""
_OWNER = re.compile(r"(\d+)-")
STAGED = "site"
"""Where, in the handoff folder, the builder writes the exports until the engine is done (export.move)."""
SHARED_NAME = "dataset.pickle"
"""The checked dataset the engine takes from the builder (handoff.share), in the handoff folder."""
DESCRIPTION_NEEDED = "every page needs a one-line summary of what it answers, for search results and /llms.txt (got nothing)"


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def sweep(folder: Path) -> list[Path]:
    """Remove the build folders in `folder` whose build is no longer running; return them.

    A folder named without a process id comes from a build before ids were added, so it is stale as well.
    """
    removed = []
    for prefix in (BUILD_PREFIX, OLD_PREFIX):
        for path in folder.glob(prefix + "*"):
            owner = _OWNER.match(path.name[len(prefix):])
            if path.is_dir() and not path.is_symlink() and not (owner and _running(int(owner.group(1)))):
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed


def _exit_on_signal(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def terminate_as_exit() -> Iterator[None]:
    """While inside, SIGTERM ends the process through SystemExit, so `finally` blocks run and remove the fresh folder.

    Python's default for SIGTERM is to die on the spot. Only the main thread can set a handler: the command line uses
    this, not `build`, which tests call from anywhere.
    """
    previous = signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


_SITE_PATH = re.compile(r"(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)*(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*)?(?:#[A-Za-z0-9._~-]+)?")
"""A path inside the site, from its root: words, dots, dashes and slashes, then an optional #anchor. No scheme, no
leading slash (which would leave a site served below the host's root), no segment starting with a dot (so no '..'),
and no character that needs escaping."""
_HTTPS = re.compile(r"https://[A-Za-z0-9.-]+(?::443)?(?:[/?#][A-Za-z0-9._~!$&()*+,;=:@%/?#-]*)?")


def redirect_problem(target: object) -> str | None:
    """Why a redirect page's `redirect_to` is refused, or None for a path inside the site or a public https address.

    The template writes it into a script that calls location.replace, where javascript:... would run.
    """
    if not isinstance(target, str) or not target:
        return "must be a path inside the site, such as new-page/, or an https:// address"
    if target.startswith("https://"):
        if not _HTTPS.fullmatch(target):
            return "must be an https:// address with only the characters a URL holds unescaped"
        return link_problem(target)
    if not _SITE_PATH.fullmatch(target):
        return "must be a path inside the site, such as new-page/, or an https:// address"
    return None


def page_problems(project: Path) -> list[Problem]:
    """A problem for each page under docs/ whose redirect_to is not a path inside the site or an https address, and for
    each page without the one-line description that its meta description and /llms.txt give."""
    problems = []
    for page in sorted((project / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8", errors="replace")
        if "redirect_to" not in text:
            continue
        meta, key_lines = front_matter(text)
        if "redirect_to" in meta or meta.get("template") == "redirect.html":
            target = meta.get("redirect_to")
            why = redirect_problem(target)
            if why:
                got = "nothing" if target is None else str(target)
                problems.append(Problem(page.relative_to(project).as_posix(), key_lines.get("redirect_to", 1),
                                        "redirect_to", f"{why} (got {got})"))
    return problems + [Problem(f"docs/{page.source}", 1, "description", DESCRIPTION_NEEDED)
                       for page in copies.pages(project) if not page.description]


def build(project: Path, site_dir: Path, engine: str = "mkdocs") -> subprocess.CompletedProcess[str]:
    """Build `project` with `engine` into `site_dir`; on failure `site_dir` is left as it was.

    The engine starts at once and builds the pages while this process checks the data and makes the exports, on
    the machine's other core. The engine leaves the tables no search index holds to this process (macros.handoff),
    which writes them in, writes the exports beside the pages, and only then puts the new site in place."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)} (got {engine})")
    pages = page_problems(project)
    if pages:
        message = f"{counted(len(pages), 'problem')} in docs/, so no site was written:\n" + "\n".join(map(str, pages)) + "\n"
        return subprocess.CompletedProcess(ENGINES[engine], 1, "", message)
    sweep(project)
    sweep(site_dir.parent)
    fresh = Path(tempfile.mkdtemp(prefix=f"{BUILD_PREFIX}{os.getpid()}-", dir=project))
    notes = Path(tempfile.mkdtemp(prefix=f"{BUILD_PREFIX}{os.getpid()}-", dir=project))
    # The engine and this process count retirements from the same day, even across midnight (a value that is not a
    # number of seconds is ignored, as macros.data.dataset.build_day ignores it).
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    epoch = epoch if epoch.isdigit() else str(int(time.time()))
    env = {**os.environ, SITE_DIR_VARIABLE: str(fresh), handoff.VARIABLE: str(notes), "SOURCE_DATE_EPOCH": epoch,
           handoff.SHARED: str(notes / SHARED_NAME), handoff.BUILDER: str(os.getpid()),
           "NO_MKDOCS_2_WARNING": "1",
           # Zensical runs define_env without the project on sys.path; macros/__init__.py copes, this is belt and braces.
           "PYTHONPATH": os.pathsep.join(filter(None, [str(project), os.environ.get("PYTHONPATH")]))}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        # Output goes to files, not pipes, which the engine could fill while this process is busy with the data.
        running = subprocess.Popen(ENGINES[engine], cwd=project, env=env, stdout=out, stderr=err, text=True)
        try:
            day = dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
            return _finish(project, site_dir, fresh, notes, engine, running, (out, err), day)
        finally:
            if running.poll() is None:
                running.kill()
                running.wait()
            shutil.rmtree(fresh, ignore_errors=True)
            shutil.rmtree(notes, ignore_errors=True)


def _finish(project: Path, site_dir: Path, fresh: Path, notes: Path, engine: str, running: subprocess.Popen[str],
            output: tuple[IO[str], IO[str]], day: dt.date) -> subprocess.CompletedProcess[str]:
    """Check the data and make the exports while the engine runs; then fill in its pages and put them in place."""
    try:
        dataset = load_dataset(project / "data", build_date=day)
    except DataError as exc:  # the engine, still waiting for the dataset (handoff.shared), is stopped below
        message = f"{counted(len(exc.problems), 'problem')} in data/, so no site was written:\n{exc}\n"
        return subprocess.CompletedProcess(ENGINES[engine], 1, "", message)
    handoff.share(dataset, notes / SHARED_NAME)
    with collector.paused():  # the exports and rendered tables stay alive to the end
        return _publish(dataset, project, site_dir, fresh, notes, engine, running, output)


def _publish(dataset: Dataset, project: Path, site_dir: Path, fresh: Path, notes: Path, engine: str,
             running: subprocess.Popen[str], output: tuple[IO[str], IO[str]]) -> subprocess.CompletedProcess[str]:
    """Make the exports and render the engine's noted calls while it runs; then fill in its pages, add the exports and
    the copies, and put the site in place."""
    out, err = output
    export.write(site.data_files(dataset, project), notes / STAGED)  # made and written while the engine works
    early = handoff.Early(notes, site.renderer(dataset))
    returncode = _meanwhile(running, early)
    out.seek(0)
    err.seek(0)
    result = subprocess.CompletedProcess(ENGINES[engine], returncode, out.read(), err.read())
    if returncode != 0:
        return result
    try:
        handoff.fill(fresh, notes, early.render, early.made)
    except LookupError as exc:
        return subprocess.CompletedProcess(ENGINES[engine], 1, result.stdout, f"{result.stderr}{exc}\n")
    export.move(notes / STAGED, fresh)
    export.write(site.address_files(handoff.site_url(notes)), fresh)
    export.write(copies.files(fresh, project, handoff.site_url(notes)), fresh)  # from the pages as filled in
    _replace(site_dir, fresh)
    return result


POLL = 0.05
"""Seconds the builder waits for the engine to end or note another call, when it has none to render."""


def _meanwhile(running: subprocess.Popen[str], early: handoff.Early) -> int:
    """Render the calls the engine notes (handoff.Early) until it ends; return its exit code."""
    while True:
        try:
            return running.wait(timeout=0 if early.render_next() else POLL)
        except subprocess.TimeoutExpired:
            continue


def _replace(site_dir: Path, fresh: Path) -> None:
    """Put `fresh` where `site_dir` is, removing the old site only once the new one is in place.

    A signal waits until both moves are done (it is held, not lost), so no moment of the swap leaves no site.
    """
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    old = None
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        if site_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f"{OLD_PREFIX}{os.getpid()}-", dir=site_dir.parent))
            site_dir.rename(old / "site")
        shutil.move(str(fresh), str(site_dir))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
