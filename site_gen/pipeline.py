"""`site-gen build`: the one way a site is made for publishing. The engine (MkDocs or ProperDocs,
with the explainer plugin) builds into a fresh folder beside the site; the plugin, told so by
`MANIFEST_ENV`, leaves the safety net to this module and writes what the net needs (every file
the content compiled to, the theme's folders, the scripts pages may load, the hosts allowed);
then the net scans the new folder once, and only a site that passed replaces the old one.

The engine runs as a program of its own (`python -m mkdocs build`), so this module imports no
engine: whatever the engine's version, what reaches `site/` went through the same net.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from site_gen.built import html_pages, missing_files
from site_gen.facts import counted
from site_gen.safety import Unsafe, known_scripts, scan_site, theme_scripts

MANIFEST_ENV = "SITE_GEN_BUILD"
"""Names the file where the plugin writes the build's manifest, and tells it that the caller
(`site-gen build`) scans and swaps: the plugin then does neither."""
SHOW_PROBLEMS_ENV = "SITE_GEN_SHOW_PROBLEMS"
"""Set to 1 by `site-gen build --show-problems`: the plugin builds content with problems, its
pages showing them (a pull request's preview), instead of failing."""
ENGINES = ("mkdocs", "properdocs")


@dataclass(frozen=True)
class Manifest:
    """What the plugin knows of a build and the net needs: every file the content compiled to
    (`pages`), the theme's template folders, the script files pages may load by their path and
    SHA-256 (`scripts`), the hosts `allow_hosts` names, and the site's address."""

    pages: list[str]
    template_dirs: list[str]
    scripts: dict[str, list[str]]
    allow_hosts: list[str]
    site_url: str

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.__dict__, indent=1, sort_keys=True), encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> Manifest | None:
        try:
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None


def build(
    config: Path,
    *,
    engine: str = "mkdocs",
    site_url: str | None = None,
    site_dir: Path,
    show_problems: bool = False,
) -> int:
    """Build, scan once and swap in; print what happened. Returns the exit code: 0 when the
    new site replaced the old one, else 1 (the old site is left as it was). `show_problems`:
    content with problems builds, its pages showing them; the net scans it all the same."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(site_dir)
    staging = Path(
        tempfile.mkdtemp(prefix=f".{site_dir.name}.building-{os.getpid()}-", dir=site_dir.parent)
    )
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp's 0700 would hide the site from a web server
    manifest_path = staging.with_name(staging.name + ".json")
    try:
        code = _run_engine(config, engine, staging, manifest_path, site_url, show_problems)
        if code != 0:
            print(
                f"site-gen build: the build failed; {site_dir} was left as it was", file=sys.stderr
            )
            return 1
        manifest = Manifest.read(manifest_path)
        where = site_dir.as_posix().rstrip("/")
        if manifest is None:
            print(
                f"site-gen build: {config} builds without the explainer plugin (it wrote no "
                f"manifest): is `explainer` listed under `plugins:`? {site_dir} was left as it was",
                file=sys.stderr,
            )
            for unsafe in scan(staging, _without_plugin(config, site_url)):
                print(f"{where}/{unsafe}", file=sys.stderr)
            return 1
        missing = missing_files(staging, manifest.pages)
        found = scan(staging, manifest)
        for path in missing:
            print(f"{where}/{path}: missing: the content compiles to it", file=sys.stderr)
        for unsafe in found:
            print(f"{where}/{unsafe}", file=sys.stderr)
        if missing or found:
            print(
                f"site-gen build: {counted(len(found), 'finding')} of markup that could run "
                f"script or call another host, {len(missing)} missing "
                f"{'file' if len(missing) == 1 else 'files'}; {site_dir} was left as it was",
                file=sys.stderr,
            )
            return 1
        pages = len(html_pages(staging))
        swap(staging, site_dir)
        print(
            f"ok: {counted(pages, 'page')} scanned once, nothing that could run script; all "
            f"{counted(len(manifest.pages), 'file')} the content compiles to are there; "
            f"{site_dir} updated"
        )
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        manifest_path.unlink(missing_ok=True)


def scan(site: Path, manifest: Manifest) -> list[Unsafe]:
    """The safety net over a built site, with what its manifest says the build allowed."""
    url = urlsplit(manifest.site_url or "")
    return scan_site(
        site,
        theme_scripts(Path(d) for d in manifest.template_dirs),
        url.path or "/",
        allow_hosts=manifest.allow_hosts,
        site_host=url.hostname,
        scripts={path: frozenset(d) for path, d in manifest.scripts.items()},
    )


def default_templates(project: Path) -> list[Path]:
    """The project's theme/ (mkdocs.yml's `custom_dir`) and the installed Material's templates,
    when there (found, not imported: no engine import)."""
    found = [project / "theme"] if (project / "theme").is_dir() else []
    material = importlib.util.find_spec("material")
    if material is not None and material.submodule_search_locations:
        found += [Path(d) / "templates" for d in material.submodule_search_locations]
    return found


def _without_plugin(config: Path, site_url: str | None) -> Manifest:
    """What the net assumes of a build that wrote no manifest: the default theme, no host."""
    dirs = default_templates(config.resolve().parent)
    return Manifest(
        pages=[],
        template_dirs=[str(d) for d in dirs],
        scripts=scripts_of(known_scripts(dirs)),
        allow_hosts=[],
        site_url=site_url or os.environ.get("SITE_URL", ""),
    )


def _run_engine(
    config: Path,
    engine: str,
    staging: Path,
    manifest: Path,
    site_url: str | None,
    show_problems: bool = False,
) -> int:
    env: dict[str, str] = {**os.environ, MANIFEST_ENV: str(manifest)}
    env[SHOW_PROBLEMS_ENV] = "1" if show_problems else "0"
    if site_url is not None:
        env["SITE_URL"] = site_url
    command: Sequence[str] = [
        sys.executable,
        "-m",
        engine,
        "build",
        # A preview logs the content's problems as errors and builds on: not --strict.
        *([] if show_problems else ["--strict"]),
        "--config-file",
        str(config),
        "--site-dir",
        str(staging),
    ]
    return subprocess.run(command, env=env, check=False).returncode


def swap(new: Path, site: Path) -> None:
    """Put the folder `new` in the place of `site`, the old one removed once replaced."""
    old = None
    if site.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site.name}.old-", dir=site.parent))
        site.rename(old / site.name)
    new.rename(site)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def remove_stale(site: Path) -> None:
    """Remove what interrupted builds (`kill -9`, a power cut) left beside `site`: the folders
    of builds whose process is gone. A folder names its build's process; a live one is kept."""
    for folder in site.parent.glob(f".{site.name}.building-*"):
        if folder.suffix == ".json":
            continue
        pid = folder.name.removeprefix(f".{site.name}.building-").split("-", 1)[0]
        if pid.isdigit() and alive(int(pid)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        folder.with_name(folder.name + ".json").unlink(missing_ok=True)
    for folder in site.parent.glob(f".{site.name}.old-*"):
        shutil.rmtree(folder, ignore_errors=True)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def scripts_of(known: Mapping[str, frozenset[str]]) -> dict[str, list[str]]:
    """`safety.known_scripts` as the manifest holds it."""
    return {path: sorted(digests) for path, digests in sorted(known.items())}
