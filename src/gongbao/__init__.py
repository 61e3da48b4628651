"""Domain logic of the gazette publisher: content model, loading, rules, identifiers, rendering.

Nothing here imports MkDocs: the hooks in ``hooks/`` adapt MkDocs events to this package.
"""
