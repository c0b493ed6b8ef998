"""Links from any page to other pages of the site."""

from __future__ import annotations

from dataclasses import dataclass

from macros.data.dataset import Listing


@dataclass(frozen=True)
class Links:
    """Links from the site's root path, the same on every page.

    Not relative to the page: engines treat relative links inside raw HTML differently (MkDocs leaves
    them as written; Zensical resolves them against the Markdown source file, which moved 276 links
    one folder too far up), while a path from the root means one thing to every engine. The root is
    the path of `site_url`, so a site published under /repo/ links within /repo/.
    """

    base: str = "/"

    def to(self, target: str) -> str:
        """`target` is a site path such as 'pricing/#model-x'."""
        return self.base + target

    def model(self, listing: Listing) -> str:
        """A model's row, with all its prices and rules, on its provider's page."""
        return self.to(f"providers/{listing.provider.id}/#model-{listing.model.id}")  # export.models_document agrees

    def provider(self, provider_id: str) -> str:
        """A provider's page."""
        return self.to(f"providers/{provider_id}/")

    def observation(self, obs_id: str) -> str:
        """A latency figure's row, with its conditions, on the observations page."""
        return self.to(f"latency-observations/#{obs_id}")

    @property
    def methodology(self) -> str:
        """The page that explains every number."""
        return self.to("methodology/")
