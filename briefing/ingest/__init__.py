"""Stage 1, ingest: input paths in, validated `Article`s and named `Skipped` out.

Files and folders are decoded (`decode`), read by a reader per file type
(`readers`), checked and split into numbered paragraphs (`load`), and exact
and near duplicates are set aside (`duplicates`). Every unusable input comes
back as a `Skipped` with its path and the reason.
"""

from .load import Loaded, article_files, content_hash, load_articles, other_files_line

__all__ = ["Loaded", "article_files", "content_hash", "load_articles", "other_files_line"]
