"""The plugin's settings, as `mkdocs.yml` gives them under `plugins: - explainer:`."""

from __future__ import annotations

import functools

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig

from site_gen import share
from site_gen.cms import LOGIN_PATH, PROXY_URL, login_url_problem
from site_gen.engine import template_overrides


class LoginServer(opt.Type[str]):
    """The https:// address of the editor's login server, never one on this machine."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        url = super().run_validation(value)
        problem = login_url_problem(url)
        if problem:
            raise opt.ValidationError(problem)
        return url

    def post_validation(self, config: Config, key_name: str) -> None:
        if config[key_name] and not config["editor_repo"]:
            raise opt.ValidationError(
                "a login server serves the editor on GitHub: set editor_repo too"
            )


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
    editor_auth_url = opt.Optional(LoginServer())
    """The OAuth server the published editor logs in to GitHub through (Decap's `base_url`):
    unset, Netlify's (`https://api.netlify.com`)."""
    editor_auth_endpoint = opt.Type(str, default=LOGIN_PATH)
    """The login's path on that server (Decap's `auth_endpoint`)."""
    editor_site_domain = opt.Optional(opt.Type(str))
    """The site the login server knows the OAuth app by (Decap's `site_domain`; with Netlify's
    server, the Netlify site's domain); unset, the published site's host."""
    editor_proxy = opt.Type(str, default=PROXY_URL)
    """Where the local editor server listens when `site-gen edit` (make edit) does not say."""
    cards = opt.Type(bool, default=True)
    """Draw every page's share card (`og:image`, needs `site_url`): see site_gen/share.py."""
    embeds = opt.Type(bool, default=True)
    """Publish an embeddable card per issue (/embed/issues/<id>/) and its code on the issue."""


def sharing(sharer: share.Sharer, config: MkDocsConfig, options: ExplainerConfig) -> share.Share:
    """What makes the share cards and embed pages of a build, with the site's settings."""
    return functools.partial(
        sharer.share,
        site_url=config.site_url,
        config_file=config.config_file_path,
        theme_dirs=config.theme.dirs,
        templates=template_overrides(config),
        extra_css=config.extra_css,
        cards=options.cards,
        embeds=options.embeds,
    )
