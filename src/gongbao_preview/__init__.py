"""The preview's MkDocs side: a long-running process that keeps MkDocs loaded between edits (see ``worker``).

Outside ``gongbao``, which never imports MkDocs; ``gongbao.serve`` runs it as a subprocess, as the build runs MkDocs."""
