"""Facts -> pages of Markdown. Pure functions: the plugin and the CLI both call `render_site`."""

from site_gen.render.site import PageCache, Site, render_problems, render_site

__all__ = ["PageCache", "Site", "render_problems", "render_site"]
