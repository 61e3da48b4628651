"""Rendering the archive into the Markdown of generated pages (MkDocs turns them into HTML)."""
