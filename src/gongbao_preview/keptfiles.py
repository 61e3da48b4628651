"""What the preview keeps of MkDocs' generated files between edits, so that the hook (hooks/gazette.py, ``on_files``)
looks again only at the outputs an edit remade.

By generated file: what it was made from, its ``File`` and its inputs' hash (gongbao.publish.incremental). A file
made from the same (the same object, or equal) as at the last edit keeps its ``File`` — and so its ``Page``: the
navigation makes a ``Page`` only for a new file — and is neither hashed nor looked for on disk again. After an
edit the hook looks at the outputs the regenerator made again (gongbao.publish.regenerate's ``touched``), at the
files written at the last edit and at those MkDocs lists itself (content/ and the theme); an edit that adds or
removes an output, or that the regenerator answers by making everything, and the first edit after a refused one
or a full build, look at every file. The collection handed back is the clean build's, in its order.
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from gongbao.content import urls


class Kept:
    """The hook's ``gb_kept``: the generated files of the last edit."""

    def __init__(self):
        self.entries: dict[str, tuple] = {}  # source URI → (made from, File, inputs' hash)
        self._ours: list[str] | None = None  # the source URIs MkDocs listed itself last time; None: look at every file
        self._theirs: list[File] = []  # those files now, without the ones a generated file replaces (sitemap.xml)
        self._generated: dict[str, File] = {}  # in the clean build's order
        self._modified: list[File] = []  # written at the last edit: looked at again
        self._inputs: dict[str, object] = {}  # source URI → made from, of the files looked at now
        self._every = True

    def forget(self) -> None:
        """What was kept of the last edit was not written (a refused edit), or the site was built anew."""
        self._ours = None

    @property
    def current(self) -> bool:
        """Whether the site holds every output as the last edit (or the first look) made it: nothing forgotten."""
        return self._ours is not None

    def wanted(self, files: Files, touched: dict[str, set[str]] | None, made) -> set[tuple[str, str]] | None:
        """The outputs (kind, key) of ``made`` (gongbao.publish.render.site.Outputs) to look at again, given what the
        regenerator ``touched``; None when every file must be."""
        if self._ours is None or touched is None or [f.src_uri for f in files] != self._ours:
            return None
        wanted = {("pages", key) for key in touched.get("pages", set()) | touched.get("authored", set())}
        wanted |= {(kind, key) for kind in ("files", "attachments") for key in touched.get(kind, ())}
        if any(((urls.source_uri(key) if kind == "pages" else key) in self.entries) != (key in getattr(made, kind))
               for kind, key in wanted):
            return None  # an output added or removed: its place in the collection is the clean build's only if all are listed
        return {(kind, key) for kind, key in wanted if key in getattr(made, kind)}

    def visit(self, files: Files, config: MkDocsConfig, outputs: list[tuple], every: bool) -> Files:
        """The files to look at: ``outputs`` ((source URI, made from, File.generated's keywords), every generated file
        when ``every``), each the kept File when made from the same, and the files written at the last edit."""
        self._every, self._inputs, self._ours = every, {}, [f.src_uri for f in files]
        self._theirs = [] if every else [f for f in files if f.src_uri not in self._generated]
        visited = files if every else Files(list(self._theirs))
        for src, made_from, source in outputs:
            last = self.entries.get(src)
            visited.append(last[1] if last and last[0] == made_from else File.generated(config, src, **source))
            self._inputs[src] = made_from
        if not every:
            for file in self._modified:  # unchanged since, unless made again now
                if file.src_uri not in self._inputs:
                    visited.append(file)
                    self._inputs[file.src_uri] = self.entries[file.src_uri][0]
        return visited

    def keep(self, visited: Files, hashes: dict[str, str]) -> Files:
        """After the hook hashed the files looked at (``hashes``: by destination): kept for the next edit; every file,
        in the clean build's order."""
        if self._every:
            self.entries, self._generated = {}, {}
        for src, made_from in self._inputs.items():
            file = visited.get_file_from_path(src)
            self.entries[src] = (made_from, file, hashes[file.dest_uri])
            self._generated[src] = file
        self._modified = [self.entries[src][1] for src in self._inputs if self.entries[src][1].is_modified()]
        return visited if self._every else Files([*self._theirs, *self._generated.values()])
