"""The plugin's settings, as `mkdocs.yml` gives them under `plugins: - explainer:`."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from site_gen.cms import PROXY_URL


class ExplainerConfig(Config):
    content_dir = opt.Optional(opt.Dir(exists=True))
    """The folder of fact files; defaults to `docs_dir`, where hand-written pages live too."""
    nav = opt.Type(bool, default=True)
    """Build the navigation from the facts when mkdocs.yml has no `nav` of its own."""
    allow_hosts = opt.ListOfItems(opt.Type(str), default=[])
    """Hosts a page may load images or frames from (e.g. `www.youtube-nocookie.com`): none by
    default, so that reading the site calls no third-party host."""
    editor_repo = opt.Optional(opt.Type(str))
    """`owner/name` of the GitHub repository the editor at /admin/ saves to; unset: local only."""
    editor_branch = opt.Type(str, default="main")
    """The branch the editor saves to."""
    editor_workflow = opt.Type(bool, default=False)
    """Save drafts as pull requests (Decap's editorial workflow) instead of to the branch."""
    editor_proxy = opt.Type(str, default=PROXY_URL)
    """Where the local editor server listens when `site-gen edit` (make edit) does not say."""
