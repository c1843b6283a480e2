"""All I/O at both ends: readers of articles, the stores, exporters and the HTML view."""
# This folder is the package `newsgraph.loaders` (pyproject's package-dir). Imported bare (`import loaders` from a
# checkout) every module would load twice, and a class of one copy is not the class of the other.
if __name__ != "newsgraph.loaders":
    raise ImportError(f"import newsgraph.loaders, not {__name__} (install newsgraph: pip install -e .)")
