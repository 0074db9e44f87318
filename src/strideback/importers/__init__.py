"""Readers that turn files into domain activities and check-ins.

They never touch the database and never print: `read_sources` yields one `SourceResult` per
file, and a file that cannot be read gives its reason instead of stopping the others.
"""

from strideback.importers.errors import SkippedFile, UnreadableFile
from strideback.importers.results import FileContent, SourceResult
from strideback.importers.sources import Progress, read_sources

__all__ = ["FileContent", "Progress", "SkippedFile", "SourceResult", "UnreadableFile", "read_sources"]
