"""The preview's processes beside the server: the MkDocs side, a long-running process that keeps MkDocs loaded between
edits (see ``worker``), and the search index of the served pages, made in a process of its own (``index``).

Outside ``gongbao``, which never imports MkDocs; ``gongbao.serve`` runs them as subprocesses, as the build runs MkDocs."""
